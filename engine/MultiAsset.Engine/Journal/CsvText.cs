using System.Text;

namespace MultiAsset.Engine.Journal;

/// <summary>RFC 4180 CSV text for the exporters and reports: a cell holding a comma, quote or line break is quoted, quotes doubled.</summary>
public static class CsvText
{
    /// <summary>One cell as CSV.</summary>
    public static string Quote(string cell)
        => cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>One line of cells (a null cell is empty), without the line break.</summary>
    public static string Line(ReadOnlySpan<string?> cells)
    {
        var line = new StringBuilder(cells.Length * 12);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            if (cells[i] is { } cell)
            {
                line.Append(Quote(cell));
            }
        }

        return line.ToString();
    }
}
