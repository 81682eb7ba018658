using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using Parquet;
using Parquet.Schema;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Replays one Parquet file of quotes, trades, bars or reference values: the same columns as the CSV layouts (found
/// by name, any order, extra columns ignored), read one row group at a time into reusable column arrays, then handed
/// out row by row without allocating.
/// </summary>
/// <remarks>
/// <para>Accepted column types: <c>timestamp</c> int64 nanoseconds since the epoch or a Parquet timestamp (100 ns
/// resolution through <see cref="DateTime"/>); <c>symbol</c> and <c>side</c> strings; prices and sizes double, float,
/// decimal, int64 or int32; <c>interval_seconds</c> int32 or int64.</para>
/// <para>Bad cells give rejected events exactly as in <see cref="CsvEventSource"/>: null or out-of-range values →
/// <see cref="MarketDataRejectReason.MalformedRecord"/>, NaN/±∞ → <see cref="MarketDataRejectReason.NonFinitePrice"/>,
/// unknown symbols → <see cref="MarketDataRejectReason.UnknownInstrument"/>. A CSV file and its Parquet conversion
/// replay to the identical event sequence.</para>
/// <para>Parquet.Net is asynchronous; the source blocks on it once per row group (on the thread pool, so that no
/// synchronisation context can deadlock it), never per row.</para>
/// </remarks>
public sealed class ParquetEventSource : IEventSource
{
    private readonly ParquetReader reader;
    private readonly ISymbolResolver resolver;
    private readonly ReplaySchema schema;
    private readonly ushort source;
    private readonly EventSourceStats stats = new();
    private readonly ReplayDiagnostics? diagnostics;
    private readonly long gapWarning;
    private long previousTimestamp;
    private readonly ParquetTimestampColumn timestamps;
    private readonly ParquetColumnBuffer<ReadOnlyMemory<char>> symbols;
    private readonly ParquetNumberColumn[] numbers;
    private readonly ParquetNumberColumn? intervals;
    private readonly ParquetColumnBuffer<ReadOnlyMemory<char>>? sides;
    private int nextRowGroup;
    private int row;
    private int rowsInGroup;
    private long rowNumber;
    private bool disposed;

    private ParquetEventSource(string path, ParquetReader reader, ReplaySchema schema, ISymbolResolver resolver, ushort source, ReplayDiagnostics? diagnostics)
    {
        Path = path;
        this.diagnostics = diagnostics;
        gapWarning = diagnostics?.GapWarningNanoseconds ?? long.MaxValue;
        this.reader = reader;
        this.schema = schema;
        this.resolver = resolver;
        this.source = source;
        var fields = reader.Schema.DataFields;

        timestamps = ParquetTimestampColumn.Create(Find(fields, ReplaySchema.TimestampColumn, out int position), position, path);
        symbols = StringColumn(Find(fields, ReplaySchema.SymbolColumn, out position), position);
        numbers = new ParquetNumberColumn[schema.FixedPointCount];
        for (int i = 0; i < numbers.Length; i++)
        {
            var field = Find(fields, ReplaySchema.FirstFixedPointColumn + i, out position);
            numbers[i] = ParquetNumberColumn.Create(field, position, wholeNumbers: false, path);
        }

        if (schema.HasInterval)
        {
            intervals = ParquetNumberColumn.Create(Find(fields, schema.TrailingColumn, out position), position, wholeNumbers: true, path);
        }

        if (schema.HasSide)
        {
            sides = StringColumn(Find(fields, schema.TrailingColumn, out position), position);
        }
    }

    /// <summary>The file being replayed.</summary>
    public string Path { get; }

    /// <summary>The record type of the file.</summary>
    public InputEventKind Kind => schema.Kind;

    /// <inheritdoc />
    public EventSourceStats Stats => stats;

    /// <summary>
    /// Opens <paramref name="path"/> and checks its columns. <paramref name="kind"/> = <see cref="InputEventKind.None"/>
    /// detects the record type from the column names.
    /// </summary>
    /// <exception cref="ReplayFormatException">Not a Parquet file, or a required column is missing or of an unsupported type.</exception>
    /// <param name="path">The Parquet file.</param>
    /// <param name="resolver">Symbol → instrument id.</param>
    /// <param name="kind">The expected record type, or <see cref="InputEventKind.None"/> to detect it.</param>
    /// <param name="source">Written into every event's <see cref="InputEvent.Source"/>.</param>
    /// <param name="diagnostics">Where bad rows and large time gaps are logged (with file:row); none when null.</param>
    public static ParquetEventSource Open(string path, ISymbolResolver resolver, InputEventKind kind = InputEventKind.None, ushort source = 0, ReplayDiagnostics? diagnostics = null)
        => Task.Run(() => OpenAsync(path, resolver, kind, source, diagnostics)).GetAwaiter().GetResult();

    /// <summary>As <see cref="Open"/>, asynchronously.</summary>
    /// <exception cref="ReplayFormatException">Not a Parquet file, or a required column is missing or of an unsupported type.</exception>
    public static async Task<ParquetEventSource> OpenAsync(
        string path, ISymbolResolver resolver, InputEventKind kind = InputEventKind.None, ushort source = 0, ReplayDiagnostics? diagnostics = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(resolver);
        ReplaySchema.ThrowIfUnsupported(kind);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Replay file '{path}' does not exist.", path);
        }

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ParquetException)
        {
            throw new ReplayFormatException($"{path}: not a readable Parquet file: {ex.Message}", ex);
        }

        try
        {
            var names = reader.Schema.DataFields.Select(f => f.Name).ToArray();
            var candidates = kind == InputEventKind.None ? ReplaySchema.Candidates : ReplaySchema.ForKind(kind);
            var schema = candidates.FirstOrDefault(s => s.IsContainedIn(names));
            if (schema is null)
            {
                string expected = kind == InputEventKind.None
                    ? $"one of {ReplaySchema.DescribeAll()}"
                    : $"'{ReplaySchema.ForKind(kind).First().ExpectedHeader}'";
                throw new ReplayFormatException(path, $"columns '{string.Join(',', names)}' are not a {(kind == InputEventKind.None ? "known replay layout" : $"{kind} layout")}; expected columns {expected}");
            }

            return new ParquetEventSource(path, reader, schema, resolver, source, diagnostics);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        while (row == rowsInGroup)
        {
            if (nextRowGroup == reader.RowGroupCount)
            {
                return false;
            }

            LoadRowGroup(nextRowGroup++);
        }

        int r = row++;
        rowNumber++;
        stats.CountRow();

        var status = timestamps.TryGet(r, out long timestamp);
        if (status != ParquetValueStatus.Ok)
        {
            Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, 0, timestamps.Position, "timestamp", status, timestamps.Describe(r));
            return true;
        }

        if (previousTimestamp != 0 && (timestamp - previousTimestamp > gapWarning || previousTimestamp - timestamp > gapWarning))
        {
            diagnostics?.Gap(Path, rowNumber, previousTimestamp, timestamp);
        }

        previousTimestamp = timestamp;
        var instrument = InstrumentId.None;
        bool symbolNull = symbols.IsNull(r);
        bool known = !symbolNull && resolver.TryResolve(symbols[r].Span, out instrument);
        if (!known)
        {
            instrument = InstrumentId.None;
        }

        Span<long> raws = stackalloc long[ReplaySchema.MaxFixedPointCount];
        for (int i = 0; i < numbers.Length; i++)
        {
            status = numbers[i].TryGetFixedPoint(r, out raws[i]);
            if (status != ParquetValueStatus.Ok)
            {
                var column = numbers[i];
                if (status == ParquetValueStatus.NonFinite)
                {
                    Reject(ref evt, MarketDataRejectReason.NonFinitePrice, instrument, timestamp, column.Position, column.Field.Name, status, column.Describe(r));
                }
                else
                {
                    Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, column.Position, column.Field.Name, status, column.Describe(r));
                }

                return true;
            }
        }

        int interval = 0;
        if (intervals is not null)
        {
            status = intervals.TryGetPositiveInt32(r, out interval);
            if (status != ParquetValueStatus.Ok)
            {
                Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, intervals.Position, intervals.Field.Name, status, intervals.Describe(r));
                return true;
            }
        }

        var side = AggressorSide.Unknown;
        if (sides is not null && !sides.IsNull(r) && !TryParseSide(sides[r].Span, out side))
        {
            Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, sides.Position, "side", ParquetValueStatus.OutOfRange, sides[r].ToString());
            return true;
        }

        // The symbol is judged last, as in CSV, so that a row with several problems gets the same reason in both.
        if (symbolNull)
        {
            Reject(ref evt, MarketDataRejectReason.MalformedRecord, InstrumentId.None, timestamp, symbols.Position, "symbol", ParquetValueStatus.Null, "null");
            return true;
        }

        if (!known)
        {
            Reject(ref evt, MarketDataRejectReason.UnknownInstrument, InstrumentId.None, timestamp, symbols.Position, "symbol", ParquetValueStatus.Ok, symbols[r].ToString());
            return true;
        }

        schema.Fill(ref evt, instrument, timestamp, raws, interval, side, source);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;

            // The reader only closes its file here; there is no I/O to wait for beyond that.
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static bool TryParseSide(ReadOnlySpan<char> text, out AggressorSide side)
    {
        side = text switch
        {
            "" => AggressorSide.Unknown,
            "B" => AggressorSide.Buyer,
            "S" => AggressorSide.Seller,
            _ => (AggressorSide)byte.MaxValue,
        };
        return side != (AggressorSide)byte.MaxValue;
    }

    private DataField Find(DataField[] fields, int schemaColumn, out int position)
    {
        string name = schema.Columns[schemaColumn];
        for (int i = 0; i < fields.Length; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                position = i + 1;
                return fields[i];
            }
        }

        // Unreachable after schema detection, but a clear message beats an index error.
        throw new ReplayFormatException(Path, $"column '{name}' is missing");
    }

    private ParquetColumnBuffer<ReadOnlyMemory<char>> StringColumn(DataField field, int position)
        => field.ClrType == typeof(ReadOnlyMemory<char>) && !field.IsArray
            ? new ParquetColumnBuffer<ReadOnlyMemory<char>>(field, position)
            : throw new ReplayFormatException(Path, $"column '{field.Name}' has type {field.ClrType.Name}; expected a UTF-8 string");

    private void LoadRowGroup(int index)
    {
        Task.Run(() => LoadRowGroupAsync(index)).GetAwaiter().GetResult();
        row = 0;
    }

    private async Task LoadRowGroupAsync(int index)
    {
        using var group = reader.OpenRowGroupReader(index);
        int rows = checked((int)group.RowCount);
        var none = CancellationToken.None;
        await timestamps.LoadAsync(group, rows, none).ConfigureAwait(false);
        await symbols.LoadAsync(group, rows, none).ConfigureAwait(false);
        foreach (var column in numbers)
        {
            await column.LoadAsync(group, rows, none).ConfigureAwait(false);
        }

        if (intervals is not null)
        {
            await intervals.LoadAsync(group, rows, none).ConfigureAwait(false);
        }

        if (sides is not null)
        {
            await sides.LoadAsync(group, rows, none).ConfigureAwait(false);
        }

        rowsInGroup = rows;
    }

    private void Reject(ref InputEvent evt, MarketDataRejectReason reason, InstrumentId instrument, long timestamp, int column, string columnName, ParquetValueStatus status, string value)
    {
        schema.FillRejected(ref evt, reason, instrument, timestamp, source);
        stats.CountReject(reason);
        if (stats.WantsErrorDetail || (diagnostics?.WantsBadRowDetail ?? false))
        {
            string problem = reason == MarketDataRejectReason.UnknownInstrument ? "unknown symbol"
                : status switch
                {
                    ParquetValueStatus.Null => "null value",
                    ParquetValueStatus.NonFinite => "not a finite number",
                    _ => "value out of range",
                };
            var error = new ReplayError(Path, rowNumber, column, reason, $"{columnName}: {problem}: '{value}'");
            stats.RecordError(error);
            diagnostics?.BadRow(error);
        }
    }
}
