using System.Globalization;
using System.Text;

namespace MultiAsset.Reports;

/// <summary>
/// A CSV file of the results folder, read row by row: comma-separated, a header line, fields quoted only when they
/// hold a comma, a quote or a line break (as the writer quotes them). Errors name the file and the line.
/// </summary>
internal sealed class CsvTable
{
    private readonly string path;
    private readonly Dictionary<string, int> columns;

    private CsvTable(string path, Dictionary<string, int> columns)
    {
        this.path = path;
        this.columns = columns;
    }

    /// <summary>Reads every row of <paramref name="path"/>, checking that the header holds <paramref name="required"/>.</summary>
    public static IEnumerable<CsvRow> Read(string path, params string[] required)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty (expected a header line).");
        var names = Split(header, path, 1);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            columns[names[i].Trim()] = i;
        }

        var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{path}: the header lacks the column(s) {string.Join(", ", missing)} (header: '{header}').");
        }

        var table = new CsvTable(path, columns);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            // A quoted field may span lines: keep reading until the quotes balance.
            while (line.Count(c => c == '"') % 2 == 1 && reader.ReadLine() is { } next)
            {
                line += "\n" + next;
                lineNumber++;
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return new CsvRow(table, Split(line, path, lineNumber), lineNumber);
        }
    }

    private static List<string> Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>One data row; accessors throw <see cref="InvalidDataException"/> naming file, line and column.</summary>
    internal readonly struct CsvRow(CsvTable table, List<string> fields, int lineNumber)
    {
        public int LineNumber => lineNumber;

        public string Text(string column)
        {
            var index = table.columns[column];
            return index < fields.Count
                ? fields[index]
                : throw new InvalidDataException($"{table.path}:{lineNumber}: the row has {fields.Count} fields, so no '{column}' (column {index + 1}).");
        }

        public double Number(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return 0;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new InvalidDataException($"{table.path}:{lineNumber}: '{column}' is '{text}', not a number.");
        }

        public DateTime Time(string column)
        {
            var text = Text(column);
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : throw new InvalidDataException($"{table.path}:{lineNumber}: '{column}' is '{text}', not an ISO 8601 UTC time.");
        }
    }
}
