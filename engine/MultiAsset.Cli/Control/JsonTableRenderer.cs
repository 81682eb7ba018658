using System.Text.Json;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Prints a server answer for people, never cutting a value: an array of objects as a table (one row per item, the
/// given or the scalar columns), an object as a field/value table followed by a section per nested object or array
/// (rendered the same way, recursively, titled with its path). Cells wrap instead of being cut; an array whose items
/// have more scalar fields than fit as columns is printed one field/value table per item; nested values inside a row
/// of a table are printed as sections after it. No colours, so output stays plain text; <c>--json</c> gives the exact answer.
/// </summary>
internal static class JsonTableRenderer
{
    private const int Width = 200;
    private const int MaxColumns = 12;

    public static void Write(TextWriter output, string json, IReadOnlyList<string>? columns = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = Width;
        using var document = JsonDocument.Parse(json);
        Write(console, document.RootElement, columns, path: string.Empty);
    }

    private static void Write(IAnsiConsole console, JsonElement value, IReadOnlyList<string>? columns, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                WriteArray(console, value, columns, path);
                break;
            case JsonValueKind.Object:
                WriteObject(console, value, path);
                break;
            default:
                console.WriteLine(Cell(value));
                break;
        }
    }

    private static void WriteArray(IAnsiConsole console, JsonElement array, IReadOnlyList<string>? columns, string path)
    {
        var items = array.EnumerateArray().ToList();
        if (items.Count == 0)
        {
            console.WriteLine("(none)");
            return;
        }

        if (items.Any(i => i.ValueKind != JsonValueKind.Object))
        {
            items.ForEach(i => console.WriteLine(Cell(i)));
            return;
        }

        var names = columns ?? [.. items.SelectMany(i => i.EnumerateObject())
            .Where(p => !IsNested(p.Value))
            .Select(p => p.Name).Distinct(StringComparer.Ordinal)];
        if (names.Count > MaxColumns && columns is null)
        {
            // Too many to read side by side: each item as its own field/value table (nothing dropped).
            for (int k = 0; k < items.Count; k++)
            {
                Title(console, $"{path}[{k}]");
                WriteObject(console, items[k], $"{path}[{k}]");
            }

            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)) { NoWrap = false });
        }

        foreach (var item in items)
        {
            table.AddRow([.. names.Select(n => Markup.Escape(item.TryGetProperty(n, out var v) ? Cell(v) : string.Empty))]);
        }

        console.Write(table);

        // Nested values of the rows (positions of an account, instruments of a strategy …) follow as sections,
        // titled by the row's first column, unless the caller chose the columns.
        if (columns is not null)
        {
            return;
        }

        for (int k = 0; k < items.Count; k++)
        {
            var label = names.Count > 0 && items[k].TryGetProperty(names[0], out var first) ? $"{path}[{k}] ({Cell(first)})" : $"{path}[{k}]";
            foreach (var property in items[k].EnumerateObject().Where(p => IsNested(p.Value) && !IsEmpty(p.Value)))
            {
                Title(console, $"{label}.{property.Name}");
                Write(console, property.Value, null, $"{path}[{k}].{property.Name}");
            }
        }
    }

    private static void WriteObject(IAnsiConsole console, JsonElement obj, string path)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("field").AddColumn(new TableColumn("value") { NoWrap = false });
        foreach (var property in obj.EnumerateObject().Where(p => !IsNested(p.Value) || IsEmpty(p.Value)))
        {
            table.AddRow(Markup.Escape(property.Name), Markup.Escape(Cell(property.Value)));
        }

        console.Write(table);
        foreach (var property in obj.EnumerateObject().Where(p => IsNested(p.Value) && !IsEmpty(p.Value)))
        {
            var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            Title(console, child);
            Write(console, property.Value, null, child);
        }
    }

    private static void Title(IAnsiConsole console, string path) => console.WriteLine($"{path}:");

    private static bool IsNested(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.Array;

    private static bool IsEmpty(JsonElement value)
        => value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() == 0 : value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any();

    // The whole value, always (long ones wrap inside their column).
    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };
}
