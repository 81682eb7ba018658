using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Journal;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// A report as one table: a name, the columns and rows of already-formatted cells (exact decimal strings for money,
/// quantities and prices, ISO-8601 UTC times). Written as CSV (RFC 4180 quoting, header first) or as one JSON document
/// <c>{ "report", "generatedFor", "columns", "rows": [ { column: value } ] }</c> where cells that are numbers stay numbers.
/// </summary>
public sealed class ReportTable(string name, IReadOnlyList<string> columns)
{
    private readonly List<string?[]> rows = [];

    /// <summary>The report's name (e.g. <c>best-execution</c>).</summary>
    public string Name { get; } = name;

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>Rows, in order; a null cell is empty.</summary>
    public IReadOnlyList<string?[]> Rows => rows;

    /// <summary>A free-text description of the scope, written into the JSON document.</summary>
    public string? Scope { get; init; }

    /// <summary>Adds a row (as many cells as columns).</summary>
    public void Add(params string?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"{Name}: a row of {cells.Length} cells for {Columns.Count} columns");
        }

        rows.Add(cells);
    }

    /// <summary>The cell of <paramref name="column"/> in row <paramref name="row"/>.</summary>
    public string? Cell(int row, string column)
    {
        var c = IndexOf(column);
        return c < 0 ? throw new ArgumentException($"{Name}: no column '{column}'") : rows[row][c];
    }

    /// <summary>Index of a column, or −1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes CSV.</summary>
    public void WriteCsv(TextWriter output)
    {
        output.WriteLine(string.Join(',', Columns.Select(CsvText.Quote)));
        foreach (var row in rows)
        {
            output.WriteLine(CsvText.Line(row));
        }
    }

    /// <summary>Writes one JSON document.</summary>
    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("report", Name);
            if (Scope is not null)
            {
                json.WriteString("scope", Scope);
            }

            json.WriteStartArray("columns");
            foreach (var c in Columns)
            {
                json.WriteStringValue(c);
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < Columns.Count; i++)
                {
                    WriteCell(json, Columns[i], row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.WriteLine();
    }

    private static void WriteCell(Utf8JsonWriter json, string name, string? cell)
    {
        if (cell is null || cell.Length == 0)
        {
            json.WriteNull(name);
        }
        else if (LooksNumeric(cell) && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            json.WritePropertyName(name);
            json.WriteRawValue(cell);
        }
        else
        {
            json.WriteString(name, cell);
        }
    }

    // A JSON number: optional minus, digits, optional fraction (no leading zeros like "007", no exponent, no "+").
    private static bool LooksNumeric(string s)
    {
        var i = s[0] == '-' ? 1 : 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i]) || (s[i] == '0' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
        {
            return false;
        }

        var dot = false;
        for (; i < s.Length; i++)
        {
            if (s[i] == '.' && !dot && i + 1 < s.Length)
            {
                dot = true;
            }
            else if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
