using System.Text.Json;
using Spectre.Console;

namespace MultiAsset.Cli.Control;

/// <summary>
/// Prints a server answer for people: an array of objects as a table (one row per item, the given or the scalar
/// columns), an object as a field/value table; nested values as compact JSON. No colours, so output stays plain text.
/// </summary>
internal static class JsonTableRenderer
{
    private const int MaxCell = 60;
    private const int MaxColumns = 10;

    public static void Write(TextWriter output, string json, IReadOnlyList<string>? columns = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                WriteArray(console, root, columns);
                break;
            case JsonValueKind.Object:
                WriteObject(console, root);
                break;
            default:
                output.WriteLine(Cell(root));
                break;
        }
    }

    private static void WriteArray(IAnsiConsole console, JsonElement array, IReadOnlyList<string>? columns)
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
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            .Select(p => p.Name).Distinct(StringComparer.Ordinal).Take(MaxColumns)];
        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name)));
        }

        foreach (var item in items)
        {
            table.AddRow([.. names.Select(n => Markup.Escape(item.TryGetProperty(n, out var v) ? Cell(v) : string.Empty))]);
        }

        console.Write(table);
    }

    private static void WriteObject(IAnsiConsole console, JsonElement obj)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("field").AddColumn("value");
        foreach (var property in obj.EnumerateObject())
        {
            table.AddRow(Markup.Escape(property.Name), Markup.Escape(Cell(property.Value)));
        }

        console.Write(table);
    }

    private static string Cell(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? string.Empty,
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => value.GetRawText(),
        };
        return text.Length <= MaxCell ? text : text[..(MaxCell - 1)] + "…";
    }
}
