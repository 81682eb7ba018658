using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Replays one CSV file of quotes, trades, bars or reference values (the layouts of <c>docs/market-data-formats.md</c>)
/// without allocating per row: the file is read into one reusable byte buffer and every line and field is parsed in
/// place as a span of UTF-8 bytes.
/// </summary>
/// <remarks>
/// <para>The header row is required and checked when the source is created (a <see cref="ReplayFormatException"/>
/// names the file and the expected columns). Rows are then returned in file order; they are never re-sorted — the
/// validation stage rejects out-of-order timestamps.</para>
/// <para>A bad row is returned as a rejected event and recorded in <see cref="Stats"/>: wrong field count, an
/// unparsable number or timestamp, a line longer than the buffer → <see cref="MarketDataRejectReason.MalformedRecord"/>
/// (instrument none); <c>NaN</c>/<c>Infinity</c> → <see cref="MarketDataRejectReason.NonFinitePrice"/>; an unknown
/// symbol → <see cref="MarketDataRejectReason.UnknownInstrument"/>. Blank lines are skipped and counted.</para>
/// </remarks>
public sealed class CsvEventSource : IEventSource
{
    /// <summary>Default read buffer: 1 MiB, large enough that refills are rare and lines never come near it.</summary>
    public const int DefaultBufferSize = 1 << 20;

    /// <summary>Smallest buffer accepted (a line must fit in the buffer).</summary>
    public const int MinBufferSize = 64;

    // Longest value quoted in an error message, so one absurd field cannot bloat the error list.
    private const int MaxQuotedValue = 80;

    private readonly SafeFileHandle file;
    private readonly byte[] buffer;
    private readonly ISymbolResolver resolver;
    private readonly ReplaySchema schema;
    private readonly ushort source;
    private readonly EventSourceStats stats = new();
    private readonly ReplayDiagnostics? diagnostics;

    // A jump in event time between two rows larger than this is reported (long.MaxValue: never, without diagnostics).
    private readonly long gapWarning;
    private long previousTimestamp;

    private readonly CsvLineReader lines;
    private long lineNumber;
    private bool disposed;

    /// <summary>
    /// Opens <paramref name="path"/> and checks its header. <paramref name="kind"/> = <see cref="InputEventKind.None"/>
    /// detects the record type from the header; any other kind requires that type's header.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="resolver">Symbol → instrument id.</param>
    /// <param name="kind">The expected record type, or <see cref="InputEventKind.None"/> to detect it.</param>
    /// <param name="source">Written into every event's <see cref="InputEvent.Source"/>.</param>
    /// <param name="buffer">A read buffer to use (and reuse across files); a <see cref="DefaultBufferSize"/> one is allocated when null.</param>
    /// <param name="diagnostics">Where bad rows and large time gaps are logged (with file:line); none when null.</param>
    /// <exception cref="ReplayFormatException">The header is missing or not the expected one.</exception>
    public CsvEventSource(
        string path, ISymbolResolver resolver, InputEventKind kind = InputEventKind.None, ushort source = 0, byte[]? buffer = null, ReplayDiagnostics? diagnostics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(resolver);
        ReplaySchema.ThrowIfUnsupported(kind);
        if (buffer is not null && buffer.Length < MinBufferSize)
        {
            throw new ArgumentException($"The read buffer must hold at least {MinBufferSize} bytes.", nameof(buffer));
        }

        Path = path;
        this.resolver = resolver;
        this.source = source;
        this.diagnostics = diagnostics;
        gapWarning = diagnostics?.GapWarningNanoseconds ?? long.MaxValue;
        this.buffer = buffer ?? new byte[DefaultBufferSize];
        file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        lines = new CsvLineReader(file, this.buffer);
        try
        {
            schema = ReadHeader(kind);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The file being replayed.</summary>
    public string Path { get; }

    /// <summary>The record type of the file.</summary>
    public InputEventKind Kind => schema.Kind;

    /// <summary>The file's columns, as the header names them (lower case).</summary>
    public IReadOnlyList<string> Columns => schema.Columns;

    /// <inheritdoc />
    public EventSourceStats Stats => stats;

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (true)
        {
            var result = lines.Next(out int lineStart, out int lineLength);
            if (result == CsvLineResult.End)
            {
                return false;
            }

            lineNumber++;
            if (result == CsvLineResult.TooLong)
            {
                stats.CountRow();
                Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, 0, -1,
                    "line is longer than the read buffer", ReadOnlySpan<byte>.Empty);
                return true;
            }

            if (lineLength == 0)
            {
                stats.CountBlankLine();
                continue;
            }

            stats.CountRow();
            ParseRow(buffer.AsSpan(lineStart, lineLength), ref evt);
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            file.Dispose();
        }
    }

    private void ParseRow(ReadOnlySpan<byte> line, ref InputEvent evt)
    {
        Span<Range> fields = stackalloc Range[ReplaySchema.MaxColumns];
        int count = CsvLineReader.Split(line, fields);
        if (count != schema.ColumnCount)
        {
            RejectFieldCount(ref evt, count, line);
            return;
        }

        var timestampField = line[fields[ReplaySchema.TimestampColumn]];
        if (!TimestampParser.TryParse(timestampField, out long timestamp))
        {
            Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, 0, ReplaySchema.TimestampColumn,
                "not a timestamp (integer nanoseconds or YYYY-MM-DDTHH:MM:SS[.fffffffff]Z)", timestampField);
            return;
        }

        // Two comparisons per row; the warning itself is off the hot path (NoInlining, rare).
        if (previousTimestamp != 0 && (timestamp - previousTimestamp > gapWarning || previousTimestamp - timestamp > gapWarning))
        {
            ReportGap(timestamp);
        }

        previousTimestamp = timestamp;
        var symbolField = line[fields[ReplaySchema.SymbolColumn]];
        bool known = resolver.TryResolveUtf8(symbolField, out var instrument);

        Span<long> raws = stackalloc long[ReplaySchema.MaxFixedPointCount];
        for (int i = 0; i < schema.FixedPointCount; i++)
        {
            int column = ReplaySchema.FirstFixedPointColumn + i;
            var field = line[fields[column]];
            if (!FixedPoint.TryParse(field, out raws[i]))
            {
                if (IsNonFiniteText(field))
                {
                    Reject(ref evt, MarketDataRejectReason.NonFinitePrice, known ? instrument : InstrumentId.None, timestamp, column, "not a finite number", field);
                }
                else
                {
                    Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, column,
                        "not a number ([+|-]digits[.digits], at most 8 decimals)", field);
                }

                return;
            }
        }

        int interval = 0;
        var side = AggressorSide.Unknown;
        if (schema.HasInterval || schema.HasSide)
        {
            var field = line[fields[schema.TrailingColumn]];
            if (schema.HasInterval && !TryParseInterval(field, out interval))
            {
                Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, schema.TrailingColumn,
                    "not a positive whole number of seconds", field);
                return;
            }

            if (schema.HasSide && !TryParseSide(field, out side))
            {
                Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, schema.TrailingColumn,
                    "side must be B, S or empty", field);
                return;
            }
        }

        if (!known)
        {
            Reject(ref evt, MarketDataRejectReason.UnknownInstrument, InstrumentId.None, timestamp, ReplaySchema.SymbolColumn, "unknown symbol", symbolField);
            return;
        }

        schema.Fill(ref evt, instrument, timestamp, raws, interval, side, source);
    }

    private static bool TryParseInterval(ReadOnlySpan<byte> field, out int seconds)
        => Utf8Parser.TryParse(field, out seconds, out int consumed) && consumed == field.Length && seconds > 0;

    private static bool TryParseSide(ReadOnlySpan<byte> field, out AggressorSide side)
    {
        side = field.Length == 0 ? AggressorSide.Unknown
            : field.Length != 1 ? (AggressorSide)byte.MaxValue
            : field[0] == (byte)'B' ? AggressorSide.Buyer
            : field[0] == (byte)'S' ? AggressorSide.Seller
            : (AggressorSide)byte.MaxValue;
        return side != (AggressorSide)byte.MaxValue;
    }

    // Only consulted once a number failed to parse, so the common path never pays for it.
    internal static bool IsNonFiniteText(ReadOnlySpan<byte> field)
    {
        if (field.Length > 0 && (field[0] == (byte)'-' || field[0] == (byte)'+'))
        {
            field = field[1..];
        }

        return Ascii.EqualsIgnoreCase(field, "nan"u8) || Ascii.EqualsIgnoreCase(field, "inf"u8)
            || Ascii.EqualsIgnoreCase(field, "infinity"u8) || field.SequenceEqual("∞"u8);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportGap(long timestamp) => diagnostics?.Gap(Path, lineNumber, previousTimestamp, timestamp);

    private bool WantsErrorDetail => stats.WantsErrorDetail || (diagnostics?.WantsBadRowDetail ?? false);

    private void RejectFieldCount(ref InputEvent evt, int count, ReadOnlySpan<byte> line)
    {
        schema.FillRejected(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, 0, source);
        stats.CountReject(MarketDataRejectReason.MalformedRecord);
        if (WantsErrorDetail)
        {
            string found = count > schema.ColumnCount ? $"more than {schema.ColumnCount}" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            RecordError(MarketDataRejectReason.MalformedRecord, -1,
                $"expected {schema.ColumnCount} fields ({string.Join(',', schema.Columns)}), found {found}", line);
        }
    }

    private void Reject(ref InputEvent evt, MarketDataRejectReason reason, InstrumentId instrument, long timestamp, int column, string problem, ReadOnlySpan<byte> value)
    {
        schema.FillRejected(ref evt, reason, instrument, timestamp, source);
        stats.CountReject(reason);
        if (WantsErrorDetail)
        {
            RecordError(reason, column, column < 0 ? problem : $"{schema.Columns[column]}: {problem}", value);
        }
    }

    // The error path may allocate (a message per recorded or logged error); it is capped at MaxRecordedErrors and the
    // diagnostics' LoggedBadRows.
    private void RecordError(MarketDataRejectReason reason, int column, string message, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            var quoted = value.Length > MaxQuotedValue ? value[..MaxQuotedValue] : value;
            message = $"{message}: '{Encoding.UTF8.GetString(quoted)}{(value.Length > MaxQuotedValue ? "..." : string.Empty)}'";
        }

        var error = new ReplayError(Path, lineNumber, column + 1, reason, message);
        stats.RecordError(error);
        diagnostics?.BadRow(error);
    }

    private ReplaySchema ReadHeader(InputEventKind kind)
    {
        var result = lines.Next(out int lineStart, out int lineLength);
        lineNumber = 1;
        string expected = kind == InputEventKind.None
            ? $"one of {ReplaySchema.DescribeAll()}"
            : $"'{ReplaySchema.ForKind(kind).First().ExpectedHeader}'";
        if (result == CsvLineResult.End)
        {
            throw new ReplayFormatException(Path, 1, $"the file is empty; expected a header row: {expected}");
        }

        if (result == CsvLineResult.TooLong)
        {
            throw new ReplayFormatException(Path, 1, $"the header is longer than the {buffer.Length}-byte read buffer; expected {expected}");
        }

        var header = buffer.AsSpan(lineStart, lineLength);
        if (header.StartsWith("\uFEFF"u8))
        {
            header = header[3..];
        }

        string text = Encoding.UTF8.GetString(header);
        string[] columns = text.Split(',').Select(c => c.Trim()).ToArray();
        var candidates = kind == InputEventKind.None ? ReplaySchema.Candidates : ReplaySchema.ForKind(kind);
        return candidates.FirstOrDefault(s => s.MatchesExactly(columns))
            ?? throw new ReplayFormatException(Path, 1, $"header '{text}' is not a {(kind == InputEventKind.None ? "known replay layout" : $"{kind} layout")}; expected {expected}");
    }
}
