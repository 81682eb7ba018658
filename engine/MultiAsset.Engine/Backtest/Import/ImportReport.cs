using System.Globalization;
using MultiAsset.Engine.MarketData.Replay;

namespace MultiAsset.Engine.Backtest.Import;

/// <summary>Everything an import found: per symbol counts and time range, rejects by reason (the first ones with
/// file:line), unknown symbols, gaps, and the cache written.</summary>
public sealed class ImportReport
{
    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files { get; internal init; } = [];

    /// <summary>Data rows read (header and blank lines excluded).</summary>
    public long Rows { get; internal set; }

    /// <summary>Rows written to the cache (a bar with bid/ask columns counts once, though it adds a quote event).</summary>
    public long Accepted { get; internal set; }

    /// <summary>Rows refused.</summary>
    public long Rejected { get; internal set; }

    /// <summary>Accepted rows with a price moved onto the tick grid.</summary>
    public long Rounded { get; internal set; }

    /// <summary>Events written to the cache.</summary>
    public long Events { get; internal set; }

    /// <summary>Rejected rows by reason.</summary>
    public IReadOnlyDictionary<ImportRejectReason, long> RejectedByReason => byReason;

    /// <summary>The first rejected rows (as many as the spec's <c>maxReportedErrors</c>).</summary>
    public IReadOnlyList<ImportRejection> Rejections => rejections;

    /// <summary>Per catalogue symbol, in catalogue order (only symbols that had rows).</summary>
    public IReadOnlyList<SymbolImportStats> Symbols { get; internal set; } = [];

    /// <summary>Symbols not in the catalogue, with their row counts.</summary>
    public IReadOnlyDictionary<string, long> UnknownSymbols => unknown;

    /// <summary>The first gaps found (at most <see cref="MaxListedGaps"/>); <see cref="GapCount"/> counts them all.</summary>
    public IReadOnlyList<ImportGap> Gaps => gaps;

    /// <summary>Every gap found.</summary>
    public long GapCount { get; internal set; }

    /// <summary>The gap threshold used (open-market nanoseconds).</summary>
    public long GapThreshold { get; internal set; }

    /// <summary>The cache written (null when none was asked for).</summary>
    public string? CachePath { get; internal set; }

    /// <summary>The cache's header (null when none was written).</summary>
    public EventCacheHeader? Cache { get; internal set; }

    /// <summary>How timestamps were read, for the summary (e.g. "iso, offset-less times in America/New_York; bar label start (+60 s)").</summary>
    public string TimeRule { get; internal set; } = string.Empty;

    /// <summary>Gaps listed individually at most.</summary>
    public const int MaxListedGaps = 50;

    private readonly Dictionary<ImportRejectReason, long> byReason = [];
    private readonly List<ImportRejection> rejections = [];
    private readonly Dictionary<string, long> unknown = new(StringComparer.Ordinal);
    private readonly List<ImportGap> gaps = [];

    /// <summary>The reason as written in reports (kebab case).</summary>
    public static string ReasonName(ImportRejectReason reason) => reason switch
    {
        ImportRejectReason.Malformed => "malformed",
        ImportRejectReason.BadTimestamp => "bad-timestamp",
        ImportRejectReason.NonFinitePrice => "non-finite-price",
        ImportRejectReason.NonPositivePrice => "non-positive-price",
        ImportRejectReason.HighBelowLow => "high-below-low",
        ImportRejectReason.OpenCloseOutsideRange => "open-close-outside-range",
        ImportRejectReason.NegativeSize => "negative-size",
        ImportRejectReason.CrossedQuote => "crossed-quote",
        ImportRejectReason.OffTick => "off-tick",
        ImportRejectReason.UnknownSymbol => "unknown-symbol",
        ImportRejectReason.OutOfOrder => "out-of-order",
        _ => "duplicate-timestamp",
    };

    /// <summary>Formats a Unix-nanosecond time as ISO-8601 UTC (whole seconds unless it has a fraction).</summary>
    public static string FormatTime(long nanos)
    {
        var seconds = Math.DivRem(nanos, 1_000_000_000L, out long fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += 1_000_000_000L;
        }

        var text = DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fraction == 0 ? text + "Z" : string.Create(CultureInfo.InvariantCulture, $"{text}.{fraction:D9}Z");
    }

    /// <summary>Formats a duration in nanoseconds as e.g. <c>3d 4h 5m</c>.</summary>
    public static string FormatDuration(long nanos)
    {
        var span = TimeSpan.FromTicks(nanos / 100);
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"));
        }

        if (span.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m"));
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{span.Seconds}s"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>Writes the summary an operator reads: the table per symbol, then rejects, unknown symbols and gaps.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"files      {Files.Count}: {string.Join(", ", Files.Select(Path.GetFileName))}"));
        output.WriteLine($"time       {TimeRule}");
        output.WriteLine(string.Create(c, $"rows       {Rows} read, {Accepted} accepted, {Rounded} rounded to tick, {Rejected} rejected; {Events} events"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"symbol",-12} {"read",10} {"accepted",10} {"rounded",9} {"rejected",9} {"adjusted",9} {"closed",8} {"gaps",6}  {"first",-20}  {"last",-20}"));
        foreach (var s in Symbols)
        {
            var first = s.Accepted > 0 ? FormatTime(s.First) : "-";
            var last = s.Accepted > 0 ? FormatTime(s.Last) : "-";
            output.WriteLine(string.Create(c, $"{s.Symbol,-12} {s.Read,10} {s.Accepted,10} {s.Rounded,9} {s.Rejected,9} {s.Adjusted,9} {s.OutsideSession,8} {s.Gaps,6}  {first,-20}  {last,-20}"));
        }

        if (unknown.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("unknown symbols (not in the instrument catalogue; rows rejected):");
            foreach (var (symbol, rows) in unknown.OrderBy(u => u.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(c, $"  {symbol,-12} {rows,10} rows"));
            }
        }

        if (Rejected > 0)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"rejected rows by reason: {string.Join(", ", byReason.OrderBy(r => r.Key).Select(r => $"{ReasonName(r.Key)} {r.Value}"))}"));
            foreach (var rejection in rejections)
            {
                output.WriteLine("  " + rejection);
            }

            if (Rejected > rejections.Count)
            {
                output.WriteLine(string.Create(c, $"  ... and {Rejected - rejections.Count} more (counted by reason above)"));
            }
        }

        if (GapCount > 0)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"gaps longer than {FormatDuration(GapThreshold)} of open market: {GapCount}"));
            foreach (var gap in gaps)
            {
                output.WriteLine(string.Create(c, $"  {gap.Symbol,-12} {FormatTime(gap.From)} .. {FormatTime(gap.To)}  ({FormatDuration(gap.OpenNanoseconds)} open)"));
            }

            if (GapCount > gaps.Count)
            {
                output.WriteLine(string.Create(c, $"  ... and {GapCount - gaps.Count} more"));
            }
        }

        if (CachePath is not null && Cache is not null)
        {
            output.WriteLine();
            output.WriteLine(string.Create(c, $"cache      {CachePath}: {Cache.RecordCount} events ({Cache.Bars} bars, {Cache.Quotes} quotes, {Cache.Trades} trades), spec sha256 {Cache.SpecHashHex[..16]}..."));
        }
    }

    internal void Reject(ImportRejection rejection, int maxReported)
    {
        Rejected++;
        byReason[rejection.Reason] = byReason.GetValueOrDefault(rejection.Reason) + 1;
        if (rejections.Count < maxReported)
        {
            rejections.Add(rejection);
        }
    }

    internal bool WantsDetail(int maxReported) => rejections.Count < maxReported;

    internal void CountUnknown(string symbol) => unknown[symbol] = unknown.GetValueOrDefault(symbol) + 1;

    internal void AddGap(ImportGap gap)
    {
        GapCount++;
        if (gaps.Count < MaxListedGaps)
        {
            gaps.Add(gap);
        }
    }
}
