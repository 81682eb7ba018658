using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Cli.Journal;

/// <summary>Options the offline file commands (journal, audit, report) share: times and the instrument catalogue.</summary>
internal static class CliInputs
{
    /// <summary>An ISO-8601 UTC time in Unix ns, or null when not given; a usage error naming <paramref name="option"/> when invalid.</summary>
    public static long? Time(string? text, string option)
        => text is null ? null
            : JournalTime.TryParse(text, out var nanoseconds) ? nanoseconds
            : throw new UsageException($"{option}: invalid time '{text}' (expected ISO-8601 UTC, e.g. 2026-03-02T14:30:00Z)");

    /// <summary>The catalogue at <paramref name="path"/>, or config/instruments.json when none is given and it exists (else null: ids only).</summary>
    public static InstrumentCatalog? Catalog(string? path)
    {
        if (path is null)
        {
            var fallback = Path.Combine("config", "instruments.json");
            return File.Exists(fallback) ? InstrumentCatalogLoader.Load(fallback) : null;
        }

        return File.Exists(path) ? InstrumentCatalogLoader.Load(path) : throw new UsageException($"instrument catalogue not found: {path}");
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the file <paramref name="target"/> (and then prints the line it returns, if any,
    /// to <paramref name="error"/>), or on standard output when no file is given.
    /// </summary>
    public static void WriteTo(string? target, TextWriter output, TextWriter error, Func<TextWriter, string?> write)
    {
        if (target is null)
        {
            write(output);
            return;
        }

        string? done;
        using (var writer = new StreamWriter(target))
        {
            done = write(writer);
        }

        if (done is not null)
        {
            error.WriteLine(done);
        }
    }
}
