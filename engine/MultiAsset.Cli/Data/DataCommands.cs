using System.CommandLine;
using System.Globalization;
using MultiAsset.Cli.Journal;
using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Cli.Data;

/// <summary>
/// <c>maectl data import|inspect</c>: vendor bar/quote/trade files into an event cache that backtests replay fast, and
/// what a cache holds. Exit codes: 0 imported (rejected rows within <c>--max-rejected</c>); 1 imported, but more rows
/// were rejected than <c>--max-rejected</c> allows (the cache is still written) or a cache failed verification;
/// 2 bad usage, spec or file layout (nothing written); 3 a file cannot be read or written.
/// </summary>
internal static class DataCommands
{
    /// <summary>Default share of rows that may be rejected before the import exits with 1 (percent).</summary>
    public const double DefaultMaxRejectedPercent = 1.0;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var data = new Command("data", "Import vendor market-data files into a fast event cache, and inspect caches");
        data.Subcommands.Add(Import(output, error));
        data.Subcommands.Add(Inspect(output, error));
        return data;
    }

    private static Command Import(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("files") { Description = "CSV files or globs (instead of, or added to, the spec's files)", Arity = ArgumentArity.ZeroOrMore };
        var spec = new Option<string?>("--spec") { Description = "Import spec (JSON; see docs/data-import.md). Flags below override its fields" };
        var outputDir = new Option<string?>("--output", "-o") { Description = "Directory for NAME.maecache (default: check and report only, write nothing)" };
        var instruments = new Option<string?>("--instruments") { Description = "Instrument catalogue (default: config/instruments.json)" };
        var kind = new Option<string?>("--kind") { Description = "bars, quotes or trades" };
        var interval = new Option<string?>("--interval") { Description = "Bar interval: 1m, 5m, 1h, 1d or seconds" };
        var label = new Option<string?>("--label") { Description = "Bar timestamps name the bar's start (default) or end" };
        var timeZone = new Option<string?>("--tz") { Description = "Zone of times without an offset: America/New_York, UTC or ±HH:MM" };
        var format = new Option<string?>("--timestamp-format") { Description = "iso (default), epoch-s, epoch-ms, epoch-us, epoch-ns, date, or a .NET pattern such as 'MM/dd/yyyy HH:mm'" };
        var sessionClose = new Option<string?>("--session-close") { Description = "Local time a date-only daily bar is stamped at (HH:mm)" };
        var symbol = new Option<string?>("--symbol") { Description = "Symbol of every row (files without a symbol column)" };
        var rounding = new Option<string?>("--rounding") { Description = "Prices off the tick: round (default), floor, ceil or reject" };
        var gap = new Option<string?>("--gap") { Description = "Report gaps longer than this much open-market time (e.g. 30m)" };
        var adjustments = new Option<string?>("--adjustments") { Description = "Split/dividend factor file: date,symbol,factor[,kind]" };
        var name = new Option<string?>("--name") { Description = "Cache name (NAME.maecache; default: the spec's name or 'import')" };
        var maxErrors = new Option<int?>("--max-errors") { Description = "Rejected rows listed one by one (default 20); the rest are counted by reason" };
        var maxRejected = new Option<double>("--max-rejected")
        {
            Description = "Percent of rows that may be rejected before the exit code is 1",
            DefaultValueFactory = _ => DefaultMaxRejectedPercent,
        };
        var command = new Command("import", "Import bar, quote or trade files (vendor layouts) into an event cache")
        {
            files, spec, outputDir, instruments, kind, interval, label, timeZone, format, sessionClose, symbol, rounding, gap, adjustments, name, maxErrors, maxRejected,
        };
        command.SetAction(parse => JournalCommands.Guard(error, () =>
        {
            var loaded = parse.GetValue(spec) is { } specPath ? ImportSpec.Load(specPath, validate: false) : new ImportSpec { BaseDirectory = Environment.CurrentDirectory };
            var extra = parse.GetValue(files) ?? [];
            if (parse.GetValue(spec) is null && extra.Length == 0)
            {
                throw new UsageException("give --spec FILE.json or one or more files to import");
            }

            var merged = loaded with
            {
                // Files on the command line are relative to the working directory, not to the spec's.
                Files = [.. loaded.Files, .. extra.Select(Path.GetFullPath)],
                Kind = parse.GetValue(kind) ?? loaded.Kind,
                BarInterval = parse.GetValue(interval) ?? loaded.BarInterval,
                BarLabel = parse.GetValue(label) ?? loaded.BarLabel,
                TimeZone = parse.GetValue(timeZone) ?? loaded.TimeZone,
                TimestampFormat = parse.GetValue(format) ?? loaded.TimestampFormat,
                SessionClose = parse.GetValue(sessionClose) ?? loaded.SessionClose,
                Symbol = parse.GetValue(symbol) ?? loaded.Symbol,
                Rounding = parse.GetValue(rounding) ?? loaded.Rounding,
                GapThreshold = parse.GetValue(gap) ?? loaded.GapThreshold,
                Adjustments = parse.GetValue(adjustments) is { } a ? Path.GetFullPath(a) : loaded.Adjustments,
                Name = parse.GetValue(name) ?? loaded.Name,
                MaxReportedErrors = parse.GetValue(maxErrors) ?? loaded.MaxReportedErrors,
            };
            double allowed = parse.GetValue(maxRejected);
            if (!(allowed >= 0 && allowed <= 100))
            {
                throw new UsageException("--max-rejected: a percentage between 0 and 100");
            }

            merged.ThrowIfInvalid(parse.GetValue(spec) ?? "command line");
            var report = DataImporter.Run(merged, LoadCatalog(parse.GetValue(instruments)), parse.GetValue(outputDir));
            report.WriteText(output);
            double percent = report.Rows == 0 ? 0 : 100.0 * report.Rejected / report.Rows;
            if (report.Rows > 0 && report.Accepted == 0)
            {
                error.WriteLine("maectl: no row could be imported (see the reasons above)");
                return MaectlApp.Refused;
            }

            if (percent > allowed)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"maectl: {report.Rejected} of {report.Rows} rows rejected ({percent:0.##}%), more than --max-rejected {allowed:0.##}%"));
                return MaectlApp.Refused;
            }

            return 0;
        }, Classify));
        return command;
    }

    private static Command Inspect(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "A cache file, or a directory of *.maecache files" };
        var verify = new Option<bool>("--verify") { Description = "Also read every record and check the hash and the order" };
        var read = new Option<bool>("--read") { Description = "Also replay every record through the cache's event source and print the read rate" };
        var command = new Command("inspect", "Print an event cache's header: version, instruments, time range, counts, spec hash") { path, verify, read };
        command.SetAction(parse => JournalCommands.Guard(error, () =>
        {
            var target = parse.GetValue(path)!;
            var caches = Directory.Exists(target)
                ? Directory.EnumerateFiles(target, "*" + EventCacheHeader.Extension).Order(StringComparer.Ordinal).ToList()
                : File.Exists(target) ? [target] : throw new UsageException($"cache not found: {target}");
            if (caches.Count == 0)
            {
                throw new UsageException($"no {EventCacheHeader.Extension} file in {target}");
            }

            int code = 0;
            foreach (var cache in caches)
            {
                var header = EventCacheHeader.Read(cache);
                var c = CultureInfo.InvariantCulture;
                output.WriteLine(cache);
                output.WriteLine(string.Create(c, $"  version    {header.Version}, {header.RecordSize}-byte records after a {header.HeaderSize}-byte header"));
                output.WriteLine(string.Create(c, $"  events     {header.RecordCount} ({header.Bars} bars, {header.Quotes} quotes, {header.Trades} trades)"));
                output.WriteLine(header.RecordCount == 0 ? "  time       -" : $"  time       {ImportReport.FormatTime(header.FirstTimestamp)} .. {ImportReport.FormatTime(header.LastTimestamp)}");
                output.WriteLine($"  spec       sha256 {header.SpecHashHex}");
                output.WriteLine(string.Create(c, $"  records    xxhash64 {header.RecordsHash:x16}"));
                foreach (var instrument in header.Instruments)
                {
                    output.WriteLine(string.Create(c, $"  {instrument.Symbol,-12} id {instrument.Id,4}  {instrument.Records,10} events"));
                }

                if (parse.GetValue(read))
                {
                    output.WriteLine("  read       " + TimeRead(cache, header));
                }

                if (parse.GetValue(verify))
                {
                    var problem = EventCacheWriter.Verify(cache);
                    output.WriteLine(problem is null ? "  verify     ok" : $"  verify     FAILED: {problem}");
                    code = problem is null ? code : MaectlApp.Refused;
                }
            }

            return code;
        }, Classify));
        return command;
    }

    // Replays the cache as a backtest would (CacheEventSource, ids mapped onto the cache's own symbols) and times it.
    private static string TimeRead(string cache, EventCacheHeader header)
    {
        var symbols = new string[header.Instruments.Count == 0 ? 0 : header.Instruments.Max(i => i.Id) + 1];
        for (int i = 0; i < symbols.Length; i++)
        {
            symbols[i] = "#" + i.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var instrument in header.Instruments)
        {
            symbols[instrument.Id] = instrument.Symbol;
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var source = CacheEventSource.Open(cache, new Engine.Model.SymbolTable(symbols));
        var evt = default(Engine.Model.Events.InputEvent);
        long count = 0, checksum = 0;
        while (source.TryRead(ref evt))
        {
            count++;
            checksum += evt.Timestamp;
        }

        stopwatch.Stop();
        double seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
        return string.Create(CultureInfo.InvariantCulture, $"{count} events in {stopwatch.Elapsed.TotalMilliseconds:0.0} ms = {count / seconds / 1e6:0.0} M events/s (checksum {checksum & 0xFFFF:x4})");
    }

    private static InstrumentCatalog LoadCatalog(string? path)
    {
        var file = path ?? Path.Combine("config", "instruments.json");
        return File.Exists(file)
            ? InstrumentCatalogLoader.Load(file)
            : throw new UsageException(path is null ? "no instrument catalogue: pass --instruments FILE (config/instruments.json is not here)" : $"instrument catalogue not found: {path}");
    }

    private static int? Classify(Exception exception) => exception switch
    {
        UsageException or ConfigurationException or ReplayFormatException => MaectlApp.UsageError,
        IOException or UnauthorizedAccessException => MaectlApp.JournalError,
        // Anything else is a bug of the importer, reported as one line (no stack trace) with its type.
        _ => MaectlApp.JournalError,
    };
}
