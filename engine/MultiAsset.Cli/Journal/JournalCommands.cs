using System.CommandLine;
using System.Globalization;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Cli.Journal;

/// <summary>
/// <c>maectl journal inspect|tail|export|verify DIR</c>: the audit trail, read offline from the journal's files (never
/// modified: a torn tail is reported, not truncated).
/// </summary>
internal static class JournalCommands
{
    private static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(200);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var journal = new Command("journal", "Inspect, follow and export the input journal (the audit trail)");
        journal.Subcommands.Add(Inspect(output, error));
        journal.Subcommands.Add(Tail(output, error));
        journal.Subcommands.Add(Export(output, error));
        journal.Subcommands.Add(Prune(output, error));
        journal.Subcommands.Add(Repair(output, error));
        journal.Subcommands.Add(Verify(output, error));
        return journal;
    }

    private static Argument<string> DirectoryArgument() => new("directory") { Description = "The journal directory (journal.directory in config/engine.json)" };

    private static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "Output format: jsonl or csv",
        DefaultValueFactory = _ => "jsonl",
    }.AcceptOnlyFromAmong("jsonl", "csv");

    private static Option<string?> InstrumentsOption() => new("--instruments")
    {
        Description = "Instrument catalogue used to print and filter symbols (default: config/instruments.json if present)",
    };

    private static Command Inspect(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var quick = new Option<bool>("--quick") { Description = "Check headers and the record chain only, not every CRC" };
        var command = new Command("inspect", "Segments, record counts, sequence and time range, integrity") { directory, quick };
        command.SetAction(parse => Guard(error, () =>
        {
            var inspection = JournalInspector.Inspect(RequireDirectory(parse.GetValue(directory)!), deep: !parse.GetValue(quick));
            inspection.WriteText(output);
            return inspection.Integrity == JournalIntegrity.Ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var directory = new Argument<string?>("directory") { Description = "The journal directory (or --dir)", Arity = ArgumentArity.ZeroOrOne };
        var dir = new Option<string?>("--dir") { Description = "The journal directory (journal.directory in config/engine.json)" };
        var key = new Option<string?>("--key") { Description = "The journal.hmacKey the journal was written with (text)" };
        var keyFile = new Option<string?>("--key-file") { Description = "A file holding the key (journal.hmacKeyFile)" };
        var command = new Command("verify", "Prove the journal untouched: every record, the hash chain and its authenticated checkpoints (exit 1 at the first bad sequence)")
        {
            directory, dir, key, keyFile,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            var path = parse.GetValue(dir) ?? parse.GetValue(directory) ?? throw new UsageException("give the journal directory (--dir D)");
            var text = parse.GetValue(key);
            var file = parse.GetValue(keyFile);
            if (text is not null && file is not null)
            {
                throw new UsageException("give --key or --key-file, not both");
            }

            byte[]? secret = text is not null ? System.Text.Encoding.UTF8.GetBytes(text)
                : file is not null ? JournalOptionsReader.ReadKeyFile(File.Exists(file) ? file : throw new UsageException($"key file not found: {file}"))
                : null;
            var result = JournalVerifier.Verify(RequireDirectory(path), secret);
            result.WriteText(output);
            return result.Ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Prune(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var before = new Option<long>("--before") { Description = "Remove closed segments whose records are all before this sequence", Required = true };
        var archive = new Option<string?>("--archive") { Description = "Move the segments to this directory instead of deleting them" };
        var command = new Command("prune", "Remove old history as whole segments and record it in the manifest (engine stopped)") { directory, before, archive };
        command.SetAction(parse => Guard(error, () =>
        {
            var result = JournalRetention.Prune(RequireDirectory(parse.GetValue(directory)!), parse.GetValue(before), parse.GetValue(archive));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pruned before sequence {result.PrunedBefore}: {result.Files.Count} file(s) {(parse.GetValue(archive) is null ? "deleted" : "moved")}"));
            foreach (var file in result.Files)
            {
                output.WriteLine("  " + file);
            }

            return 0;
        }));
        return command;
    }

    private static Command Repair(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var command = new Command("repair", "Accept a loss: rebuild the manifest from the segments present (engine stopped; every record is verified first)") { directory };
        command.SetAction(parse => Guard(error, () =>
        {
            var report = JournalRepair.RebuildManifest(RequireDirectory(parse.GetValue(directory)!));
            output.WriteLine("manifest rebuilt: " + report);
            return 0;
        }));
        return command;
    }

    private static Command Tail(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var format = FormatOption();
        var instruments = InstrumentsOption();
        var from = new Option<long?>("--from-seq") { Description = "First sequence to print (default: records appended from now on)" };
        var command = new Command("tail", "Follow a live journal, printing records as they are appended (Ctrl-C stops)") { directory, format, instruments, from };
        command.SetAction(async (parse, cancellation) => await GuardAsync(error, async () =>
        {
            var path = RequireDirectory(parse.GetValue(directory)!);
            var options = new JournalExportOptions { Format = ParseFormat(parse.GetValue(format)!), Catalog = CliInputs.Catalog(parse.GetValue(instruments)) };
            using var exporter = new JournalExporter(output, options);
            var start = parse.GetValue(from) ?? JournalInspector.Inspect(path, deep: false).LastSequence + 1;
            try
            {
                await JournalTail.FollowAsync(path, exporter, output, start, TailPoll, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: a normal end of tailing.
            }

            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var format = FormatOption();
        var instruments = InstrumentsOption();
        var symbols = new Option<string[]>("--instrument") { Description = "Only these symbols (repeatable)", AllowMultipleArgumentsPerToken = true };
        var types = new Option<string[]>("--type") { Description = "Only these record types (e.g. InputEvent; repeatable)", AllowMultipleArgumentsPerToken = true };
        var fromSeq = new Option<long?>("--from-seq") { Description = "First sequence (inclusive)" };
        var toSeq = new Option<long?>("--to-seq") { Description = "Last sequence (inclusive)" };
        var fromTime = new Option<string?>("--from") { Description = "Start time, ISO-8601 UTC (inclusive)" };
        var toTime = new Option<string?>("--to") { Description = "End time, ISO-8601 UTC (exclusive)" };
        var file = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Export records as JSON lines or CSV, filtered by type, instrument, sequence and time")
        {
            directory, format, instruments, symbols, types, fromSeq, toSeq, fromTime, toTime, file,
        };
        command.SetAction(parse => Guard(error, () =>
        {
            var path = RequireDirectory(parse.GetValue(directory)!);
            var wanted = parse.GetValue(symbols) is { Length: > 0 } s ? s : null;
            var catalog = CliInputs.Catalog(parse.GetValue(instruments));
            if (wanted is not null && catalog is null)
            {
                throw new UsageException("--instrument needs an instrument catalogue: pass --instruments FILE");
            }

            var options = new JournalExportOptions
            {
                Format = ParseFormat(parse.GetValue(format)!),
                Catalog = catalog,
                Instruments = wanted,
                Types = parse.GetValue(types) is { Length: > 0 } t ? t.Select(ParseType).ToArray() : null,
                FromSequence = parse.GetValue(fromSeq),
                ToSequence = parse.GetValue(toSeq),
                FromTime = CliInputs.Time(parse.GetValue(fromTime), "--from"),
                ToTime = CliInputs.Time(parse.GetValue(toTime), "--to"),
            };
            var target = parse.GetValue(file);
            CliInputs.WriteTo(target, output, error, writer => string.Create(CultureInfo.InvariantCulture, $"exported {JournalExporter.Export(path, writer, options)} records to {target}"));

            return 0;
        }));
        return command;
    }

    private static string RequireDirectory(string path)
        => Directory.Exists(path) ? path : throw new UsageException($"journal directory not found: {path}");

    private static JournalExportFormat ParseFormat(string format) => format == "csv" ? JournalExportFormat.Csv : JournalExportFormat.JsonLines;

    private static JournalRecordType ParseType(string text)
        => Enum.TryParse<JournalRecordType>(text, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(text, out _)
            ? type
            : throw new UsageException($"unknown record type '{text}' (expected one of: {string.Join(", ", Enum.GetNames<JournalRecordType>())})");

    /// <summary>Runs <paramref name="body"/>, turning the exceptions <paramref name="classify"/> (default: the journal
    /// commands') knows into <c>maectl: message</c> and an exit code, with no stack trace.</summary>
    internal static int Guard(TextWriter error, Func<int> body, Func<Exception, int?>? classify = null)
    {
        try
        {
            return body();
        }
        catch (Exception ex) when ((classify ?? Classify)(ex) is { } code)
        {
            error.WriteLine($"maectl: {ex.Message}");
            return code;
        }
    }

    private static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex) is { } code)
        {
            await error.WriteLineAsync($"maectl: {ex.Message}").ConfigureAwait(false);
            return code;
        }
    }

    private static int? Classify(Exception exception) => exception switch
    {
        UsageException or ConfigurationException => MaectlApp.UsageError,
        JournalException or IOException or UnauthorizedAccessException => MaectlApp.JournalError,
        _ => null,
    };
}
