using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using Parquet;
using Parquet.Schema;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Writes events to Parquet in the replay layouts that <see cref="ParquetEventSource"/> reads, e.g. to convert CSV
/// history into the columnar form quants keep. Offline tooling: it allocates freely.
/// </summary>
/// <remarks>
/// Columns are written in the CSV order; trades always get a nullable <c>side</c> column (null for unknown).
/// Only accepted events can be written — a rejected row has no meaningful values.
/// </remarks>
public static class ParquetReplayWriter
{
    /// <summary>Writes <paramref name="events"/> (all of <paramref name="kind"/>) to <paramref name="path"/>, blocking.</summary>
    /// <param name="path">The Parquet file to create (overwritten if it exists).</param>
    /// <param name="kind">The record type: quote, trade, bar or reference.</param>
    /// <param name="events">Accepted events of that kind, in the order to replay them.</param>
    /// <param name="symbolsById">Symbol of each instrument id (e.g. <see cref="SymbolTable.Symbols"/>).</param>
    /// <param name="options">Encodings and row-group size; <see cref="ParquetReplayWriterOptions.Default"/> when null.</param>
    public static void Write(string path, InputEventKind kind, IReadOnlyList<InputEvent> events, IReadOnlyList<string> symbolsById, ParquetReplayWriterOptions? options = null)
        => Task.Run(() => WriteAsync(path, kind, events, symbolsById, options)).GetAwaiter().GetResult();

    /// <summary>As <see cref="Write"/>, asynchronously.</summary>
    public static async Task WriteAsync(string path, InputEventKind kind, IReadOnlyList<InputEvent> events, IReadOnlyList<string> symbolsById, ParquetReplayWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(symbolsById);
        options ??= ParquetReplayWriterOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RowGroupSize, 1, nameof(options));
        if (kind is not (InputEventKind.Quote or InputEventKind.Trade or InputEventKind.Bar or InputEventKind.Reference))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Replay files hold quotes, trades, bars or reference values.");
        }

        var schema = kind switch
        {
            InputEventKind.Quote => ReplaySchema.Quotes,
            InputEventKind.Trade => ReplaySchema.TradesWithSide,
            InputEventKind.Bar => ReplaySchema.Bars,
            _ => ReplaySchema.References,
        };
        Validate(kind, events, symbolsById);

        var fields = new List<DataField>
        {
            options.Timestamps == ParquetTimestampEncoding.Timestamp
                ? new DateTimeDataField("timestamp", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Nanos)
                : new DataField<long>("timestamp"),
            new DataField<string>("symbol", false),
        };
        for (int i = 0; i < schema.FixedPointCount; i++)
        {
            string name = schema.Columns[ReplaySchema.FirstFixedPointColumn + i];
            fields.Add(options.Numbers == ParquetNumberEncoding.Decimal ? new DecimalDataField(name, 28, FixedPoint.Decimals) : new DataField<double>(name));
        }

        if (schema.HasInterval)
        {
            fields.Add(new DataField<int>("interval_seconds"));
        }

        if (schema.HasSide)
        {
            fields.Add(new DataField<string>("side", true));
        }

        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                // No events: a valid file with the schema and no row groups.
                for (int first = 0; first < events.Count; first += options.RowGroupSize)
                {
                    int count = Math.Min(options.RowGroupSize, events.Count - first);
                    await WriteRowGroupAsync(writer, schema, fields, events, first, count, symbolsById, options, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Converts a CSV replay file to Parquet: reads it with <see cref="CsvEventSource"/> and writes the accepted rows.
    /// Returns the CSV read's statistics, so rows that could not be converted (rejected) are visible to the caller.
    /// </summary>
    public static EventSourceStats ConvertCsv(string csvPath, string parquetPath, SymbolTable symbols, ParquetReplayWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        using var csv = new CsvEventSource(csvPath, symbols);
        var events = new List<InputEvent>();
        var evt = default(InputEvent);
        while (csv.TryRead(ref evt))
        {
            if (!evt.IsRejectedAtSource)
            {
                events.Add(evt);
            }
        }

        Write(parquetPath, csv.Kind, events, symbols.Symbols, options);
        return csv.Stats;
    }

    private static void Validate(InputEventKind kind, IReadOnlyList<InputEvent> events, IReadOnlyList<string> symbolsById)
    {
        for (int i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            if (evt.Kind != kind || evt.IsRejectedAtSource || !evt.Instrument.IsValid || evt.Instrument.Value >= symbolsById.Count)
            {
                throw new ArgumentException(
                    $"Event #{i} cannot be written as {kind}: kind {evt.Kind}, reject {evt.Reject}, instrument {evt.Instrument.Value} (symbols known: {symbolsById.Count}).",
                    nameof(events));
            }
        }
    }

    private static async Task WriteRowGroupAsync(
        ParquetWriter writer,
        ReplaySchema schema,
        List<DataField> fields,
        IReadOnlyList<InputEvent> events,
        int first,
        int count,
        IReadOnlyList<string> symbolsById,
        ParquetReplayWriterOptions options,
        CancellationToken cancellationToken)
    {
        using var group = writer.CreateRowGroup();
        int field = 0;
        if (options.Timestamps == ParquetTimestampEncoding.Timestamp)
        {
            var times = new DateTime[count];
            for (int i = 0; i < count; i++)
            {
                // DateTime carries 100 ns ticks: finer digits are dropped (documented on the encoding).
                times[i] = new DateTime(DateTime.UnixEpoch.Ticks + (events[first + i].Timestamp / 100), DateTimeKind.Utc);
            }

            await group.WriteAsync<DateTime>(fields[field++], times, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var times = new long[count];
            for (int i = 0; i < count; i++)
            {
                times[i] = events[first + i].Timestamp;
            }

            await group.WriteAsync<long>(fields[field++], times, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var symbols = new string[count];
        for (int i = 0; i < count; i++)
        {
            symbols[i] = symbolsById[events[first + i].Instrument.Value];
        }

        await group.WriteAsync(fields[field++], symbols).ConfigureAwait(false);

        var raws = new long[count];
        for (int column = 0; column < schema.FixedPointCount; column++)
        {
            for (int i = 0; i < count; i++)
            {
                raws[i] = FixedPointOf(events[first + i], column);
            }

            if (options.Numbers == ParquetNumberEncoding.Decimal)
            {
                await group.WriteAsync<decimal>(fields[field++], raws.Select(FixedPoint.ToDecimal).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await group.WriteAsync<double>(fields[field++], raws.Select(FixedPoint.ToDouble).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        if (schema.HasInterval)
        {
            var intervals = new int[count];
            for (int i = 0; i < count; i++)
            {
                intervals[i] = events[first + i].Bar.IntervalSeconds;
            }

            await group.WriteAsync<int>(fields[field++], intervals, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (schema.HasSide)
        {
            var sides = new string?[count];
            for (int i = 0; i < count; i++)
            {
                sides[i] = events[first + i].Trade.Aggressor switch
                {
                    AggressorSide.Buyer => "B",
                    AggressorSide.Seller => "S",
                    _ => null,
                };
            }

            await group.WriteAsync(fields[field++], sides!).ConfigureAwait(false);
        }

        group.CompleteValidate();
    }

    // The fixed-point columns of each kind, in schema order.
    private static long FixedPointOf(in InputEvent evt, int column) => evt.Kind switch
    {
        InputEventKind.Quote => column switch
        {
            0 => evt.Quote.Bid.Raw,
            1 => evt.Quote.Ask.Raw,
            2 => evt.Quote.BidSize.Raw,
            _ => evt.Quote.AskSize.Raw,
        },
        InputEventKind.Trade => column == 0 ? evt.Trade.Price.Raw : evt.Trade.Size.Raw,
        InputEventKind.Bar => column switch
        {
            0 => evt.Bar.Open.Raw,
            1 => evt.Bar.High.Raw,
            2 => evt.Bar.Low.Raw,
            3 => evt.Bar.Close.Raw,
            _ => evt.Bar.Volume.Raw,
        },
        _ => evt.Reference.Value.Raw,
    };
}
