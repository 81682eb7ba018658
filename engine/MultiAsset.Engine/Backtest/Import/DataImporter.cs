using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Backtest.Import;

/// <summary>
/// Imports vendor bar, quote and trade files into an event cache (<see cref="EventCacheWriter"/>): maps columns,
/// converts timestamps to UTC event times (bar-start labels become bar-end times, the engine's convention), adjusts for
/// splits and dividends, rounds prices onto the instrument's tick, rejects bad rows with file:line and reason, reports
/// out-of-order rows and gaps while the market was open. The rules are in <c>docs/data-import.md</c>.
/// </summary>
/// <remarks>Offline, single-threaded and deterministic: the same files and spec give the same events and the same cache
/// bytes. Lines are read with the replay's <see cref="CsvLineReader"/>; timestamps with <see cref="TimestampParser"/>;
/// numbers with <see cref="FixedPoint"/>.</remarks>
public sealed class DataImporter
{
    private const long NanosPerSecond = 1_000_000_000;
    private const long NanosPerHour = 3_600 * NanosPerSecond;
    private const long NanosPerDay = 86_400 * NanosPerSecond;
    private const int MaxFields = 256;
    private const int MaxQuotedValue = 60;
    private const int MaxTimestampLength = 128;

    private readonly ImportSpec spec;
    private readonly InstrumentCatalog catalog;
    private readonly ImportKind kind;
    private readonly TimestampFormat format;
    private readonly bool dateOnly;
    private readonly string customPattern;
    private readonly bool customHasOffset;
    private readonly TimeZoneInfo? zone;
    private readonly TimeSpan? sessionClose;
    private readonly BarLabel label;
    private readonly OffTickPolicy rounding;
    private readonly TickRounding tickMode;
    private readonly byte delimiter;
    private readonly int intervalSeconds;
    private readonly long gapThreshold;
    private readonly long quoteSize;
    private readonly AdjustmentTable? adjustments;
    private readonly Dictionary<string, string>? symbolMap;
    private readonly InstrumentId fixedSymbol = InstrumentId.None;
    private readonly string? fixedSymbolText;
    private readonly SymbolImportStats?[] perSymbol;
    private readonly SessionCursor[] cursors;
    private readonly long[] lastInFile;
    private readonly List<InputEvent> events = [];
    private readonly List<long> origins = [];
    private readonly ImportReport report;

    // Offset-less times in a named zone: the offset is cached per local hour (DST changes on hour boundaries).
    private long cachedHour = long.MinValue;
    private long cachedOffset;

    private string currentFile = string.Empty;
    private int currentFileIndex;
    private long lineNumber;

    private DataImporter(ImportSpec spec, InstrumentCatalog catalog, IReadOnlyList<string> files)
    {
        this.spec = spec;
        this.catalog = catalog;
        kind = spec.ParsedKind;
        format = spec.ParsedTimestampFormat;
        customPattern = spec.TimestampFormat;
        customHasOffset = format == TimestampFormat.Custom && spec.CustomPatternHasOffset;
        dateOnly = format == TimestampFormat.Date || (format == TimestampFormat.Custom && spec.CustomPatternIsDateOnly);
        zone = spec.ParsedTimeZone;
        sessionClose = spec.ParsedSessionClose;
        label = spec.ParsedBarLabel;
        rounding = spec.ParsedRounding;
        tickMode = rounding switch
        {
            OffTickPolicy.Floor => TickRounding.Down,
            OffTickPolicy.Ceil => TickRounding.Up,
            _ => TickRounding.Nearest,
        };
        delimiter = spec.ParsedDelimiter;
        var interval = spec.ParsedBarInterval;
        if (kind == ImportKind.Bars && interval is null && !dateOnly)
        {
            throw new Pipeline.ConfigurationException("barInterval: required for intraday bars (e.g. \"1m\"); only date-only daily bars default to 1d");
        }

        intervalSeconds = kind == ImportKind.Bars ? interval ?? 86_400 : 0;
        gapThreshold = spec.ParsedGapThreshold ?? Math.Max(NanosPerHour, 2L * intervalSeconds * NanosPerSecond);
        quoteSize = FixedPoint.FromDecimal(spec.QuoteSize);
        symbolMap = spec.SymbolMap;
        if (spec.Symbol is not null)
        {
            fixedSymbolText = spec.SymbolMap?.GetValueOrDefault(spec.Symbol) ?? spec.Symbol;
            if (!catalog.TryResolve(fixedSymbolText, out fixedSymbol))
            {
                throw new Pipeline.ConfigurationException($"symbol: '{spec.Symbol}' is not in the instrument catalogue");
            }
        }

        if (spec.Adjustments is not null)
        {
            adjustments = AdjustmentTable.Load(Path.Combine(spec.BaseDirectory, spec.Adjustments), catalog);
        }

        perSymbol = new SymbolImportStats?[catalog.Count];
        cursors = new SessionCursor[catalog.Count];
        lastInFile = new long[catalog.Count];
        report = new ImportReport { Files = files, GapThreshold = gapThreshold, TimeRule = DescribeTimeRule() };
    }

    /// <summary>
    /// Imports the spec's files. With <paramref name="outputDirectory"/>, writes <c>NAME.maecache</c> there (created if
    /// needed); without, only checks the files and reports.
    /// </summary>
    /// <exception cref="Pipeline.ConfigurationException">The spec cannot be used (a file or glob matches nothing, an unknown time zone, ...).</exception>
    /// <exception cref="ReplayFormatException">A file's header does not give the columns the spec needs.</exception>
    public static ImportReport Run(ImportSpec spec, InstrumentCatalog catalog, string? outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(catalog);
        spec.ThrowIfInvalid("import spec");
        var files = ExpandFiles(spec);
        var importer = new DataImporter(spec, catalog, files);
        return importer.Import(files, outputDirectory);
    }

    /// <summary>The files a spec names, globs expanded (sorted by name), relative paths against its directory.</summary>
    /// <exception cref="Pipeline.ConfigurationException">A file does not exist or a glob matches nothing.</exception>
    public static IReadOnlyList<string> ExpandFiles(ImportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var files = new List<string>();
        var errors = new List<string>();
        foreach (var entry in spec.Files)
        {
            var full = Path.IsPathRooted(entry) ? entry : Path.Combine(spec.BaseDirectory, entry);
            var name = Path.GetFileName(full);
            var directory = Path.GetDirectoryName(full) ?? ".";
            if (name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal))
            {
                var matches = Directory.Exists(directory)
                    ? Directory.EnumerateFiles(directory, name).Order(StringComparer.Ordinal).ToList()
                    : [];
                if (matches.Count == 0)
                {
                    errors.Add($"files: '{entry}' matches no file (in {directory})");
                }

                files.AddRange(matches);
            }
            else if (File.Exists(full))
            {
                files.Add(full);
            }
            else
            {
                errors.Add($"files: '{entry}' not found ({full})");
            }
        }

        if (errors.Count > 0)
        {
            throw new Pipeline.ConfigurationException(errors);
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    private ImportReport Import(IReadOnlyList<string> files, string? outputDirectory)
    {
        var buffer = new byte[CsvEventSource.DefaultBufferSize];
        for (int i = 0; i < files.Count; i++)
        {
            ImportFile(files[i], i, buffer);
        }

        var ordered = Order();
        var accepted = FinishSymbols(ordered);
        events.Clear();
        events.TrimExcess();
        report.Events = accepted.Count;
        report.Symbols = [.. perSymbol.Where(s => s is not null).Select(s => s!)];
        if (outputDirectory is not null)
        {
            Directory.CreateDirectory(outputDirectory);
            var path = Path.Combine(outputDirectory, spec.Name + EventCacheHeader.Extension);
            report.Cache = EventCacheWriter.Write(path, CollectionsMarshal.AsSpan(accepted), catalog.Symbols, spec.Hash());
            report.CachePath = path;
        }

        return report;
    }

    private void ImportFile(string path, int fileIndex, byte[] buffer)
    {
        currentFile = DisplayPath(path);
        currentFileIndex = fileIndex;
        lineNumber = 0;
        Array.Fill(lastInFile, long.MinValue);
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var lines = new CsvLineReader(file, buffer);
        ColumnLayout layout;
        if (spec.HasHeader)
        {
            var result = lines.Next(out int start, out int length);
            lineNumber = 1;
            if (result != CsvLineResult.Line)
            {
                throw new ReplayFormatException(currentFile, 1, result == CsvLineResult.End ? "the file is empty; expected a header row" : "the header is longer than the read buffer");
            }

            var header = buffer.AsSpan(start, length);
            if (header.StartsWith("\uFEFF"u8))
            {
                header = header[3..];
            }

            var names = Encoding.UTF8.GetString(header).Split((char)delimiter);
            layout = ColumnLayout.Resolve(spec, kind, currentFile, names);
        }
        else
        {
            layout = ColumnLayout.Resolve(spec, kind, currentFile, null);
        }

        Span<Range> fields = new Range[MaxFields];
        while (true)
        {
            var result = lines.Next(out int start, out int length);
            if (result == CsvLineResult.End)
            {
                break;
            }

            lineNumber++;
            if (result == CsvLineResult.TooLong)
            {
                report.Rows++;
                Reject(null, ImportRejectReason.Malformed, "line is longer than the read buffer");
                continue;
            }

            var line = buffer.AsSpan(start, length);
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            report.Rows++;
            ImportRow(line, fields, layout);
        }
    }

    private void ImportRow(ReadOnlySpan<byte> line, Span<Range> fields, ColumnLayout layout)
    {
        int count = CsvLineReader.Split(line, fields, delimiter);
        if (layout.ExactCount ? count != layout.FieldCount : count < layout.FieldCount)
        {
            Reject(null, ImportRejectReason.Malformed, string.Create(CultureInfo.InvariantCulture,
                $"expected {(layout.ExactCount ? string.Empty : "at least ")}{layout.FieldCount} fields, found {(count > fields.Length ? $"more than {fields.Length}" : count.ToString(CultureInfo.InvariantCulture))}"));
            return;
        }

        // Symbol first, so every later problem is counted against it.
        InstrumentId id = fixedSymbol;
        if (fixedSymbolText is null)
        {
            var symbolField = Field(line, fields, layout[ColumnLayout.Symbol]);
            if (!ResolveSymbol(symbolField, out id))
            {
                var text = Encoding.UTF8.GetString(symbolField);
                report.CountUnknown(text);
                Reject(null, ImportRejectReason.UnknownSymbol, $"symbol '{text}' is not in the instrument catalogue");
                return;
            }
        }

        var instrument = catalog[id];
        var stats = perSymbol[id.Value] ??= new SymbolImportStats(instrument.Symbol);
        stats.Read++;
        try
        {
            ImportValues(line, fields, layout, id, instrument, stats);
        }
        catch (OverflowException)
        {
            // Only a value near the fixed-point limit (±92 billion) can get here, through an adjustment or rounding.
            Reject(stats, ImportRejectReason.Malformed, "a price or size leaves the fixed-point range (±92 233 720 368) after adjustment or rounding");
        }
    }

    private void ImportValues(ReadOnlySpan<byte> line, Span<Range> fields, ColumnLayout layout, InstrumentId id, Instrument instrument, SymbolImportStats stats)
    {

        Span<byte> joined = stackalloc byte[MaxTimestampLength];
        var timestampField = TimestampText(line, fields, layout, joined);
        if (!TryConvertTimestamp(timestampField, instrument, out long timestamp))
        {
            Reject(stats, ImportRejectReason.BadTimestamp, $"timestamp: not {FormatDescription()}: '{Quote(timestampField)}'");
            return;
        }

        // Prices and sizes, in role order; a missing optional column reads as 0 (sizes) or "absent" (bid/ask).
        Span<long> values = stackalloc long[ColumnLayout.RoleCount];
        int[] priceRoles = PriceRoles(layout);
        foreach (int role in priceRoles)
        {
            if (!TryNumber(line, fields, layout, role, stats, out values[role]))
            {
                return;
            }

            if (values[role] <= 0)
            {
                Reject(stats, ImportRejectReason.NonPositivePrice, $"{ColumnLayout.RoleName(role)}: not a positive price: '{Quote(Field(line, fields, layout[role]))}'");
                return;
            }
        }

        foreach (int role in SizeRoles)
        {
            values[role] = role is ColumnLayout.BidSize or ColumnLayout.AskSize ? quoteSize : 0;
            if (layout.Has(role) && !(kind == ImportKind.Bars && role is ColumnLayout.Size))
            {
                if (!TryNumber(line, fields, layout, role, stats, out values[role]))
                {
                    return;
                }

                if (values[role] < 0)
                {
                    Reject(stats, ImportRejectReason.NegativeSize, $"{ColumnLayout.RoleName(role)}: negative: '{Quote(Field(line, fields, layout[role]))}'");
                    return;
                }
            }
        }

        if (!CheckPrices(values, layout, stats))
        {
            return;
        }

        var side = AggressorSide.Unknown;
        if (kind == ImportKind.Trades && layout.Has(ColumnLayout.Side) && !TryParseSide(Field(line, fields, layout[ColumnLayout.Side]), out side))
        {
            Reject(stats, ImportRejectReason.Malformed, $"side: expected B, S, buy, sell or empty: '{Quote(Field(line, fields, layout[ColumnLayout.Side]))}'");
            return;
        }

        bool adjusted = false;
        if (adjustments is not null
            && adjustments.TryGetFactors(id.Value, instrument.Calendar.TradingDay(timestamp, ref cursors[id.Value]), out long priceFactor, out long volumeFactor))
        {
            foreach (int role in priceRoles)
            {
                values[role] = FixedPoint.MultiplyScaled(values[role], priceFactor);
            }

            foreach (int role in SizeRoles)
            {
                values[role] = FixedPoint.DivideRounded((Int128)values[role] * FixedPoint.Scale, volumeFactor);
            }

            adjusted = true;
        }

        bool rounded = false;
        long tick = instrument.TickSize.Raw;
        if (tick > 0)
        {
            foreach (int role in priceRoles)
            {
                long snapped = FixedPoint.RoundToIncrement(values[role], tick, tickMode);
                if (snapped != values[role])
                {
                    if (rounding == OffTickPolicy.Reject)
                    {
                        Reject(stats, ImportRejectReason.OffTick, string.Create(CultureInfo.InvariantCulture,
                            $"{ColumnLayout.RoleName(role)}: {FixedPoint.Format(values[role])} is not a multiple of the tick {instrument.TickSize}"));
                        return;
                    }

                    if (snapped <= 0)
                    {
                        Reject(stats, ImportRejectReason.NonPositivePrice, $"{ColumnLayout.RoleName(role)}: {FixedPoint.Format(values[role])} rounds to {FixedPoint.Format(snapped)} at the tick {instrument.TickSize}");
                        return;
                    }

                    values[role] = snapped;
                    rounded = true;
                }
            }
        }

        ref long last = ref lastInFile[id.Value];
        if (timestamp <= last)
        {
            Reject(stats, timestamp == last ? ImportRejectReason.DuplicateTimestamp : ImportRejectReason.OutOfOrder,
                $"time {ImportReport.FormatTime(timestamp)} {(timestamp == last ? "repeats" : "is before")} the previous {instrument.Symbol} row's {ImportReport.FormatTime(last)}");
            return;
        }

        last = timestamp;
        Emit(id, timestamp, values, layout, side);
        stats.Accepted++;
        report.Accepted++;
        if (rounded)
        {
            stats.Rounded++;
            report.Rounded++;
        }

        if (adjusted)
        {
            stats.Adjusted++;
        }
    }

    private static readonly int[] BarPrices = [ColumnLayout.Open, ColumnLayout.High, ColumnLayout.Low, ColumnLayout.Close];
    private static readonly int[] BarQuotePrices = [ColumnLayout.Open, ColumnLayout.High, ColumnLayout.Low, ColumnLayout.Close, ColumnLayout.Bid, ColumnLayout.Ask];
    private static readonly int[] QuotePrices = [ColumnLayout.Bid, ColumnLayout.Ask];
    private static readonly int[] TradePrices = [ColumnLayout.Price];
    private static readonly int[] SizeRoles = [ColumnLayout.Volume, ColumnLayout.BidSize, ColumnLayout.AskSize, ColumnLayout.Size];

    private int[] PriceRoles(ColumnLayout layout) => kind switch
    {
        ImportKind.Bars => layout.Has(ColumnLayout.Bid) ? BarQuotePrices : BarPrices,
        ImportKind.Quotes => QuotePrices,
        _ => TradePrices,
    };

    private bool CheckPrices(ReadOnlySpan<long> v, ColumnLayout layout, SymbolImportStats stats)
    {
        if (kind == ImportKind.Bars)
        {
            if (v[ColumnLayout.High] < v[ColumnLayout.Low])
            {
                Reject(stats, ImportRejectReason.HighBelowLow, $"high {FixedPoint.Format(v[ColumnLayout.High])} is below low {FixedPoint.Format(v[ColumnLayout.Low])}");
                return false;
            }

            foreach (int role in (ReadOnlySpan<int>)[ColumnLayout.Open, ColumnLayout.Close])
            {
                if (v[role] < v[ColumnLayout.Low] || v[role] > v[ColumnLayout.High])
                {
                    Reject(stats, ImportRejectReason.OpenCloseOutsideRange,
                        $"{ColumnLayout.RoleName(role)} {FixedPoint.Format(v[role])} is outside [low {FixedPoint.Format(v[ColumnLayout.Low])}, high {FixedPoint.Format(v[ColumnLayout.High])}]");
                    return false;
                }
            }
        }

        if ((kind == ImportKind.Quotes || layout.Has(ColumnLayout.Bid)) && kind != ImportKind.Trades && v[ColumnLayout.Bid] > v[ColumnLayout.Ask])
        {
            Reject(stats, ImportRejectReason.CrossedQuote, $"bid {FixedPoint.Format(v[ColumnLayout.Bid])} is above ask {FixedPoint.Format(v[ColumnLayout.Ask])}");
            return false;
        }

        return true;
    }

    private void Emit(InstrumentId id, long timestamp, ReadOnlySpan<long> v, ColumnLayout layout, AggressorSide side)
    {
        long origin = ((long)currentFileIndex << 40) | lineNumber;
        var evt = default(InputEvent);
        if (kind != ImportKind.Trades && (kind == ImportKind.Quotes || layout.Has(ColumnLayout.Bid)))
        {
            // A bar's quote comes first, so a strategy reacting to the bar sees the book as of the bar's close.
            evt.SetQuote(id, timestamp, Price.FromRaw(v[ColumnLayout.Bid]), Price.FromRaw(v[ColumnLayout.Ask]),
                Quantity.FromRaw(v[ColumnLayout.BidSize]), Quantity.FromRaw(v[ColumnLayout.AskSize]));
            events.Add(evt);
            origins.Add(origin);
        }

        if (kind == ImportKind.Bars)
        {
            evt = default;
            evt.SetBar(id, timestamp, Price.FromRaw(v[ColumnLayout.Open]), Price.FromRaw(v[ColumnLayout.High]), Price.FromRaw(v[ColumnLayout.Low]),
                Price.FromRaw(v[ColumnLayout.Close]), Quantity.FromRaw(v[ColumnLayout.Volume]), intervalSeconds);
            events.Add(evt);
            origins.Add(origin);
        }
        else if (kind == ImportKind.Trades)
        {
            evt.SetTrade(id, timestamp, Price.FromRaw(v[ColumnLayout.Price]), Quantity.FromRaw(v[ColumnLayout.Size]), side);
            events.Add(evt);
            origins.Add(origin);
        }
    }

    // Sorted by event time, ties by file, line and emission order: a stable, input-defined order (not a hash order).
    private int[] Order()
    {
        var index = new int[events.Count];
        bool sorted = true;
        for (int i = 0; i < index.Length; i++)
        {
            index[i] = i;
            sorted &= i == 0 || events[i].Timestamp >= events[i - 1].Timestamp;
        }

        if (!sorted)
        {
            var keys = new (long Timestamp, long Origin, int Index)[index.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = (events[i].Timestamp, origins[i], i);
            }

            Array.Sort(keys);
            for (int i = 0; i < keys.Length; i++)
            {
                index[i] = keys[i].Index;
            }
        }

        return index;
    }

    // Drops duplicates across files, finds gaps and fills per-symbol time ranges, in replay order.
    private List<InputEvent> FinishSymbols(int[] order)
    {
        var output = new List<InputEvent>(order.Length);
        var lastByKind = new long[catalog.Count * 3];
        Array.Fill(lastByKind, long.MinValue);
        var previousEnd = new long[catalog.Count];
        Array.Fill(previousEnd, long.MinValue);
        var primary = kind switch
        {
            ImportKind.Bars => InputEventKind.Bar,
            ImportKind.Quotes => InputEventKind.Quote,
            _ => InputEventKind.Trade,
        };
        long intervalNanos = intervalSeconds * NanosPerSecond;
        foreach (int i in order)
        {
            var evt = events[i];
            int id = evt.Instrument.Value;
            var stats = perSymbol[id]!;
            int slot = (id * 3) + (evt.Kind == InputEventKind.Bar ? 0 : evt.Kind == InputEventKind.Quote ? 1 : 2);
            if (evt.Timestamp == lastByKind[slot])
            {
                // Only possible across files: within a file a repeated time was already rejected.
                if (evt.Kind == primary)
                {
                    stats.Accepted--;
                    report.Accepted--;
                    long origin = origins[i];
                    report.Reject(new ImportRejection(report.Files[(int)(origin >> 40)] is { } f ? DisplayPath(f) : string.Empty, origin & ((1L << 40) - 1),
                        ImportRejectReason.DuplicateTimestamp, $"time {ImportReport.FormatTime(evt.Timestamp)} repeats a {stats.Symbol} row of an earlier file"), spec.MaxReportedErrors);
                    stats.Rejected++;
                }

                continue;
            }

            lastByKind[slot] = evt.Timestamp;
            output.Add(evt);
            if (evt.Kind != primary)
            {
                continue;
            }

            stats.First = Math.Min(stats.First, evt.Timestamp);
            stats.Last = Math.Max(stats.Last, evt.Timestamp);
            var calendar = catalog[evt.Instrument].Calendar;
            if (!calendar.IsOpen(evt.LastInstant, ref cursors[id]))
            {
                stats.OutsideSession++;
            }

            long start = evt.Timestamp - intervalNanos;
            if (previousEnd[id] != long.MinValue && start - previousEnd[id] > gapThreshold)
            {
                long open = OpenTime(calendar, previousEnd[id], start);
                if (open > gapThreshold)
                {
                    stats.Gaps++;
                    report.AddGap(new ImportGap(stats.Symbol, previousEnd[id], start, open));
                }
            }

            previousEnd[id] = evt.Timestamp;
        }

        return output;
    }

    /// <summary>How long the market of <paramref name="calendar"/> is open within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    internal static long OpenTime(TradingCalendar calendar, long from, long to)
    {
        long open = 0;
        long t = from;
        // Bounded: one iteration per session; a century of daily sessions is under 40 000.
        for (int guard = 0; t < to && guard < 1_000_000; guard++)
        {
            var session = calendar.SessionAt(t);
            if (session.Open >= to || session.Close <= t)
            {
                break;
            }

            open += Math.Min(session.Close, to) - Math.Max(session.Open, t);
            t = session.Close;
        }

        return open;
    }

    // The timestamp field, or "date time" joined from a date and a time column.
    private static ReadOnlySpan<byte> TimestampText(ReadOnlySpan<byte> line, Span<Range> fields, ColumnLayout layout, Span<byte> joined)
    {
        var date = Field(line, fields, layout[ColumnLayout.Timestamp]);
        if (!layout.Has(ColumnLayout.Time))
        {
            return date;
        }

        var time = Field(line, fields, layout[ColumnLayout.Time]);
        if (date.Length + 1 + time.Length > joined.Length)
        {
            return date;
        }

        date.CopyTo(joined);
        joined[date.Length] = (byte)' ';
        time.CopyTo(joined[(date.Length + 1)..]);
        return joined[..(date.Length + 1 + time.Length)];
    }

    // A .NET custom pattern: slower than the fixed forms (the text is decoded to chars), still allocation-free.
    private bool TryParseCustom(ReadOnlySpan<byte> field, Instrument instrument, out long timestamp)
    {
        timestamp = 0;
        Span<char> chars = stackalloc char[MaxTimestampLength];
        if (field.Length > chars.Length)
        {
            return false;
        }

        var text = chars[..Encoding.UTF8.GetChars(field, chars)];
        if (customHasOffset)
        {
            if (!DateTimeOffset.TryParseExact(text, customPattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            {
                return false;
            }

            timestamp = (withOffset.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;
            return true;
        }

        if (!DateTime.TryParseExact(text, customPattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
        {
            return false;
        }

        if (dateOnly)
        {
            timestamp = DailyClose((long)(wallClock.Date - DateTime.UnixEpoch).TotalDays, instrument);
            return true;
        }

        long wall = (wallClock.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        timestamp = wall - ZoneOffset(wall);
        return true;
    }

    private bool ResolveSymbol(ReadOnlySpan<byte> field, out InstrumentId id)
    {
        if (symbolMap is null)
        {
            return catalog.TryResolveUtf8(field, out id);
        }

        var text = Encoding.UTF8.GetString(field);
        return catalog.TryResolve(symbolMap.GetValueOrDefault(text) ?? text, out id);
    }

    private bool TryConvertTimestamp(ReadOnlySpan<byte> field, Instrument instrument, out long timestamp)
    {
        timestamp = 0;
        switch (format)
        {
            case TimestampFormat.Iso:
                if (!TimestampParser.TryParseWallClock(field, out long wall, out bool hasOffset, out long offset))
                {
                    return false;
                }

                timestamp = hasOffset ? wall - offset : wall - ZoneOffset(wall);
                break;
            case TimestampFormat.Date:
                if (!TimestampParser.TryParseDate(field, out long days))
                {
                    return false;
                }

                timestamp = DailyClose(days, instrument);
                return true;
            case TimestampFormat.Custom:
                if (!TryParseCustom(field, instrument, out timestamp))
                {
                    return false;
                }

                if (dateOnly)
                {
                    return true;
                }

                break;
            default:
                long scale = format switch
                {
                    TimestampFormat.EpochSeconds => NanosPerSecond,
                    TimestampFormat.EpochMilliseconds => 1_000_000,
                    TimestampFormat.EpochMicroseconds => 1_000,
                    _ => 1,
                };
                if (!TimestampParser.TryParseNanoseconds(field, out long units) || units > long.MaxValue / scale || units < long.MinValue / scale)
                {
                    return false;
                }

                timestamp = units * scale;
                break;
        }

        if (kind == ImportKind.Bars && label == BarLabel.Start)
        {
            timestamp += intervalSeconds * NanosPerSecond;
        }

        return true;
    }

    // The zone's offset at local wall time `wall` (cached per local hour), by the calendar's rule: an ambiguous time
    // is read in standard time, a time in the spring-forward gap with the offset before the gap.
    private long ZoneOffset(long wall)
    {
        if (zone is null)
        {
            return 0;
        }

        long hour = Math.DivRem(wall, NanosPerHour, out long rem) - (rem < 0 ? 1 : 0);
        if (hour != cachedHour)
        {
            long hourStart = hour * NanosPerHour;
            var local = DateTime.UnixEpoch.AddTicks(hourStart / 100);
            cachedOffset = hourStart - TradingCalendar.ToUnixNanos(local, zone);
            cachedHour = hour;
        }

        return cachedOffset;
    }

    // A date-only daily bar is stamped at that day's close: the spec's sessionClose in the spec's zone, else the
    // exchange calendar's close that day, else the end of the day (24:00) in the calendar's zone.
    private long DailyClose(long days, Instrument instrument)
    {
        var calendar = instrument.Calendar;
        var tz = zone ?? calendar.TimeZone;
        var date = DateTime.UnixEpoch.AddDays(days);
        if (sessionClose is { } close)
        {
            return TradingCalendar.ToUnixNanos(date + close, tz);
        }

        if (calendar is ExchangeCalendar)
        {
            long noon = TradingCalendar.ToUnixNanos(date.AddHours(12), calendar.TimeZone);
            var session = calendar.SessionAt(noon);
            if (session.TradingDay == (date.Year * 10_000) + (date.Month * 100) + date.Day)
            {
                return session.Close;
            }
        }

        return TradingCalendar.ToUnixNanos(date.AddDays(1), tz);
    }

    private bool TryNumber(ReadOnlySpan<byte> line, Span<Range> fields, ColumnLayout layout, int role, SymbolImportStats stats, out long raw)
    {
        var field = Field(line, fields, layout[role]);
        if (FixedPoint.TryParse(field, out raw))
        {
            return true;
        }

        if (CsvEventSource.IsNonFiniteText(field))
        {
            Reject(stats, ImportRejectReason.NonFinitePrice, $"{ColumnLayout.RoleName(role)}: not a finite number: '{Quote(field)}'");
            return false;
        }

        // Vendors write float artefacts (1.0850000000000002) and exponents (1e-05): read them as decimals and round to
        // the engine's 8 decimals; the tick rounding that follows is the one that counts.
        if (decimal.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= -92_233_720_368m && value <= 92_233_720_368m)
        {
            raw = FixedPoint.FromDecimal(value);
            return true;
        }

        Reject(stats, ImportRejectReason.Malformed, $"{ColumnLayout.RoleName(role)}: not a number: '{Quote(field)}'");
        return false;
    }

    private static bool TryParseSide(ReadOnlySpan<byte> field, out AggressorSide side)
    {
        side = field.IsEmpty ? AggressorSide.Unknown
            : Ascii.EqualsIgnoreCase(field, "B"u8) || Ascii.EqualsIgnoreCase(field, "buy"u8) ? AggressorSide.Buyer
            : Ascii.EqualsIgnoreCase(field, "S"u8) || Ascii.EqualsIgnoreCase(field, "sell"u8) ? AggressorSide.Seller
            : (AggressorSide)byte.MaxValue;
        return side != (AggressorSide)byte.MaxValue;
    }

    // A field without surrounding spaces and double quotes.
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, Span<Range> fields, int column)
    {
        var field = line[fields[column]].Trim((byte)' ');
        return field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"' ? field[1..^1] : field;
    }

    private void Reject(SymbolImportStats? stats, ImportRejectReason reason, string message)
    {
        if (stats is not null)
        {
            stats.Rejected++;
        }

        report.Reject(new ImportRejection(currentFile, lineNumber, reason, message), spec.MaxReportedErrors);
    }

    private static string Quote(ReadOnlySpan<byte> value)
        => value.Length > MaxQuotedValue ? Encoding.UTF8.GetString(value[..MaxQuotedValue]) + "..." : Encoding.UTF8.GetString(value);

    private string FormatDescription() => format switch
    {
        TimestampFormat.Iso => "an ISO date-time (yyyy-MM-dd HH:mm[:ss[.f]] with an optional Z or ±HH:MM)",
        TimestampFormat.Date => "a date (yyyy-MM-dd or yyyyMMdd)",
        TimestampFormat.Custom => $"'{customPattern}'",
        TimestampFormat.EpochSeconds => "whole seconds since the epoch",
        TimestampFormat.EpochMilliseconds => "whole milliseconds since the epoch",
        TimestampFormat.EpochMicroseconds => "whole microseconds since the epoch",
        _ => "whole nanoseconds since the epoch",
    };

    private string DescribeTimeRule()
    {
        var c = CultureInfo.InvariantCulture;
        var text = format switch
        {
            TimestampFormat.Iso => $"iso; times without an offset are in {zone?.Id ?? "UTC"}",
            TimestampFormat.Custom when !dateOnly => $"'{customPattern}'{(customHasOffset ? string.Empty : $"; times without an offset are in {zone?.Id ?? "UTC"}")}",
            TimestampFormat.Date or TimestampFormat.Custom => $"date-only daily bars stamped at {(sessionClose is { } close ? close.ToString("hh\\:mm", c) + " " + (zone?.Id ?? "the calendar's zone") : "the calendar's session close")}",
            _ => format.ToString(),
        };
        if (kind == ImportKind.Bars && !dateOnly)
        {
            text += string.Create(c, $"; bars of {intervalSeconds} s labelled at their {(label == BarLabel.Start ? "start (event time = start + interval)" : "end (event time as written)")}");
        }

        return text + $"; rounding {rounding.ToString().ToLowerInvariant()}";
    }

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
