using System.CommandLine;
using System.Globalization;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Cli.Journal;

/// <summary>
/// <c>maectl audit verify|export DIR</c>: the order audit trail (docs/audit-trail.md), read offline from its files
/// (<c>journal.directory/audit</c> by default; never modified).
/// </summary>
internal static class AuditCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "Verify and export the order audit trail (the output log beside the journal)");
        audit.Subcommands.Add(Verify(output, error));
        audit.Subcommands.Add(Export(output, error));
        return audit;
    }

    private static Argument<string> DirectoryArgument() => new("directory") { Description = "The audit trail directory (default journal.directory/audit), or the journal directory holding it" };

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var key = new Option<string?>("--key") { Description = "The journal.hmacKey the trail was written with (text)" };
        var keyFile = new Option<string?>("--key-file") { Description = "A file holding the key (journal.hmacKeyFile)" };
        var command = new Command("verify", "Prove the trail untouched: every record, the hash chain and its authenticated checkpoints (exit 1 at the first bad record)")
        {
            directory, key, keyFile,
        };
        command.SetAction(parse => JournalCommands.Guard(error, () =>
        {
            var text = parse.GetValue(key);
            var file = parse.GetValue(keyFile);
            if (text is not null && file is not null)
            {
                throw new UsageException("give --key or --key-file, not both");
            }

            byte[]? secret = text is not null ? System.Text.Encoding.UTF8.GetBytes(text)
                : file is not null ? JournalOptionsReader.ReadKeyFile(File.Exists(file) ? file : throw new UsageException($"key file not found: {file}"))
                : null;
            var result = AuditTrailVerifier.Verify(TrailDirectory(parse.GetValue(directory)!), secret);
            output.Write("audit trail: ");
            result.WriteText(output);
            return result.Ok ? 0 : 1;
        }));
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error)
    {
        var directory = DirectoryArgument();
        var format = new Option<string>("--format") { Description = "Output format: csv or jsonl", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "jsonl");
        var instruments = new Option<string?>("--instruments") { Description = "Instrument catalogue for symbols (default: config/instruments.json if present)" };
        var fromTime = new Option<string?>("--from") { Description = "Start time, ISO-8601 UTC (inclusive)" };
        var toTime = new Option<string?>("--to") { Description = "End time, ISO-8601 UTC (exclusive)" };
        var file = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Export the order events (one row each) as CSV or JSON lines")
        {
            directory, format, instruments, fromTime, toTime, file,
        };
        command.SetAction(parse => JournalCommands.Guard(error, () =>
        {
            var path = TrailDirectory(parse.GetValue(directory)!);
            var options = new AuditExportOptions
            {
                Format = parse.GetValue(format) == "jsonl" ? JournalExportFormat.JsonLines : JournalExportFormat.Csv,
                Catalog = CliInputs.Catalog(parse.GetValue(instruments)),
                FromTime = CliInputs.Time(parse.GetValue(fromTime), "--from"),
                ToTime = CliInputs.Time(parse.GetValue(toTime), "--to"),
            };
            var target = parse.GetValue(file);
            CliInputs.WriteTo(target, output, error, writer => string.Create(CultureInfo.InvariantCulture, $"exported {AuditTrailExporter.Export(path, writer, options)} order events to {target}"));

            return 0;
        }));
        return command;
    }

    /// <summary>The folder holding <c>audit.trail</c>: the one given, or its <c>audit</c> sub-folder (a journal directory).</summary>
    private static string TrailDirectory(string path)
    {
        if (File.Exists(AuditTrailFiles.TrailPath(path)))
        {
            return path;
        }

        var nested = Path.Combine(path, AuditTrailFiles.DefaultFolder);
        return File.Exists(AuditTrailFiles.TrailPath(nested))
            ? nested
            : throw new UsageException($"no audit trail in {path} (expected {AuditTrailFiles.TrailFileName} there or in {AuditTrailFiles.DefaultFolder}/)");
    }
}
