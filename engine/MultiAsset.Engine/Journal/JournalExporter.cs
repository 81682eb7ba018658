using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The audit export: records as JSON lines or CSV, filtered by type, instrument, sequence range and time range.
/// Times are ISO-8601 UTC with nanoseconds; prices and sizes are exact decimal strings of the fixed-point values;
/// <see cref="JournalRecordType.InputEvent"/> records are decoded by kind (quote, trade, bar, reference), other
/// record types are written with their payload in base64. Only market data (quotes, trades, bars, reference values)
/// and executions name an instrument: a control command's header and body slots show none, and their kind as
/// <c>Command:CreateStrategy</c> / <c>CommandChunk:CreateStrategy[0]</c> (the kind of the command the chunk belongs to, and its index),
/// with type <c>Command</c>, the caller id (<see cref="CommandData.Caller"/>: the API key's position in the configured list,
/// 0 = none) and, on the header, the correlation id.
/// </summary>
public sealed class JournalExporter : IDisposable
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "sequence", "timestamp", "type", "kind", "instrument", "instrumentId", "source", "reject", "eventTime",
        "bid", "ask", "bidSize", "askSize", "price", "size", "aggressor", "open", "high", "low", "close", "volume",
        "intervalSeconds", "value", "caller", "correlationId", "payload",
    ];

    private readonly JournalExportOptions options;
    private readonly TextWriter output;
    private readonly bool[]? instrumentFilter;
    private readonly HashSet<JournalRecordType>? types;
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private readonly Utf8JsonWriter json;
    private readonly string?[] row = new string?[CsvColumns.Count];
    private bool headerWritten;
    private CommandKind? lastCommand;
    private ushort lastCaller;

    /// <summary>Creates an exporter writing to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">An instrument filter without a catalogue, or a symbol the catalogue does not know.</exception>
    public JournalExporter(TextWriter output, JournalExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        this.output = output;
        this.options = options;
        types = options.Types is null ? null : [.. options.Types];
        if (options.Instruments is { } symbols)
        {
            var catalog = options.Catalog ?? throw new ArgumentException("An instrument filter needs the instrument catalogue.", nameof(options));
            instrumentFilter = new bool[catalog.Count];
            foreach (var symbol in symbols)
            {
                if (!catalog.TryGet(symbol, out var instrument))
                {
                    throw new ArgumentException($"Unknown instrument '{symbol}' in the export filter.", nameof(options));
                }

                instrumentFilter[instrument.Id.Value] = true;
            }
        }

        json = new Utf8JsonWriter(buffer);
    }

    /// <summary>Records written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Exports the journal in <paramref name="directory"/>; returns the number of records written.</summary>
    public static long Export(string directory, TextWriter output, JournalExportOptions options)
    {
        using var reader = JournalReader.Open(directory);
        using var exporter = new JournalExporter(output, options);
        exporter.ExportFrom(reader);
        return exporter.Written;
    }

    /// <summary>Seeks <paramref name="reader"/> to the start of the requested range and writes every matching record up to the end of the range or journal.</summary>
    public void ExportFrom(JournalReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (options.FromSequence is { } fromSequence)
        {
            reader.SeekToSequence(fromSequence);
        }
        else if (options.FromTime is { } fromTime)
        {
            reader.SeekToTime(fromTime);
        }

        while (reader.TryRead(out var record))
        {
            if (record.Sequence > options.ToSequence)
            {
                break;
            }

            Write(record);
        }

        output.Flush();
    }

    /// <inheritdoc/>
    public void Dispose() => json.Dispose();

    /// <summary>True when <paramref name="record"/> passes every filter.</summary>
    public bool Matches(in JournalRecord record)
    {
        if (record.Sequence < options.FromSequence || record.Sequence > options.ToSequence
            || record.Timestamp < options.FromTime || record.Timestamp >= options.ToTime
            || (types is not null && !types.Contains(record.Type)))
        {
            return false;
        }

        if (instrumentFilter is not null)
        {
            if (record.Type != JournalRecordType.InputEvent || record.Payload.Length != InputEvent.TotalSize)
            {
                return false;
            }

            var e = record.ReadInputEvent();
            int id = e.Instrument.Value;
            if (!NamesInstrument(e) || (uint)id >= (uint)instrumentFilter.Length || !instrumentFilter[id])
            {
                return false;
            }
        }

        return options.Where is null || options.Where(record);
    }

    /// <summary>Writes <paramref name="record"/> when it matches the filters (the CSV header first, once).</summary>
    public bool Write(in JournalRecord record)
    {
        if (record.Type == JournalRecordType.InputEvent && record.Payload.Length == InputEvent.TotalSize && record.ReadInputEvent() is { Kind: InputEventKind.Command } header)
        {
            lastCommand = header.Command.Kind; // its chunks follow it: they are labelled with its kind and caller
            lastCaller = header.Command.Caller;
        }

        if (!Matches(record))
        {
            return false;
        }

        if (options.Format == JournalExportFormat.Csv)
        {
            WriteCsv(record);
        }
        else
        {
            WriteJson(record);
        }

        Written++;
        return true;
    }

    private void WriteJson(in JournalRecord record)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteNumber("sequence", record.Sequence);
        json.WriteString("timestamp", JournalTime.Format(record.Timestamp));
        if (record.Type == JournalRecordType.InputEvent && record.Payload.Length == InputEvent.TotalSize)
        {
            var e = record.ReadInputEvent();
            json.WriteString("type", RowType(record.Type, e));
            json.WriteString("kind", KindOf(e));
            if (IsCommand(e))
            {
                json.WriteNumber("caller", CallerOf(e));
                if (e.Kind == InputEventKind.Command)
                {
                    json.WriteNumber("correlationId", e.Command.CorrelationId);
                }
            }

            if (NamesInstrument(e))
            {
                if (SymbolOf(e.Instrument) is { } symbol)
                {
                    json.WriteString("instrument", symbol);
                }

                json.WriteNumber("instrumentId", e.Instrument.Value);
            }

            json.WriteNumber("source", e.Source);
            json.WriteString("reject", e.Reject.ToString());
            json.WriteString("eventTime", JournalTime.Format(e.Timestamp));
            foreach (var (name, value) in Fields(e))
            {
                json.WriteString(name, value);
            }
        }
        else
        {
            json.WriteString("type", TypeName(record.Type));
            json.WriteString("payload", Convert.ToBase64String(record.Payload));
        }

        json.WriteEndObject();
        json.Flush();
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private void WriteCsv(in JournalRecord record)
    {
        if (!headerWritten)
        {
            output.WriteLine(string.Join(',', CsvColumns));
            headerWritten = true;
        }

        Array.Clear(row);
        row[0] = record.Sequence.ToString(CultureInfo.InvariantCulture);
        row[1] = JournalTime.Format(record.Timestamp);
        row[2] = TypeName(record.Type);
        if (record.Type == JournalRecordType.InputEvent && record.Payload.Length == InputEvent.TotalSize)
        {
            var e = record.ReadInputEvent();
            row[2] = RowType(record.Type, e);
            row[3] = KindOf(e);
            if (IsCommand(e))
            {
                row[IndexOfColumn("caller")] = CallerOf(e).ToString(CultureInfo.InvariantCulture);
                if (e.Kind == InputEventKind.Command)
                {
                    row[IndexOfColumn("correlationId")] = e.Command.CorrelationId.ToString(CultureInfo.InvariantCulture);
                }
            }

            if (NamesInstrument(e))
            {
                row[4] = SymbolOf(e.Instrument);
                row[5] = e.Instrument.Value.ToString(CultureInfo.InvariantCulture);
            }

            row[6] = e.Source.ToString(CultureInfo.InvariantCulture);
            row[7] = e.Reject.ToString();
            row[8] = JournalTime.Format(e.Timestamp);
            foreach (var (name, value) in Fields(e))
            {
                row[IndexOfColumn(name)] = value;
            }
        }
        else
        {
            row[^1] = Convert.ToBase64String(record.Payload);
        }

        output.WriteLine(CsvText.Line(row));
    }

    private static int IndexOfColumn(string name)
    {
        for (int i = 0; i < CsvColumns.Count; i++)
        {
            if (CsvColumns[i] == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No CSV column '{name}'.");
    }

    private static List<(string Name, string Value)> Fields(in InputEvent e) => e.Kind switch
    {
        InputEventKind.Quote =>
            [("bid", e.Quote.Bid.ToString()), ("ask", e.Quote.Ask.ToString()), ("bidSize", e.Quote.BidSize.ToString()), ("askSize", e.Quote.AskSize.ToString())],
        InputEventKind.Trade =>
            [("price", e.Trade.Price.ToString()), ("size", e.Trade.Size.ToString()), ("aggressor", e.Trade.Aggressor.ToString())],
        InputEventKind.Bar =>
            [("open", e.Bar.Open.ToString()), ("high", e.Bar.High.ToString()), ("low", e.Bar.Low.ToString()), ("close", e.Bar.Close.ToString()),
             ("volume", e.Bar.Volume.ToString()), ("intervalSeconds", e.Bar.IntervalSeconds.ToString(CultureInfo.InvariantCulture))],
        InputEventKind.Reference => [("value", e.Reference.Value.ToString())],
        _ => [],
    };

    /// <summary>Market data and executions are about an instrument; commands (and anything else) are not.</summary>
    private static bool NamesInstrument(in InputEvent e) => e.IsMarketData || e.IsExecution;

    /// <summary>The event's kind; for a command's header and body slots with the command's kind.</summary>
    private string KindOf(in InputEvent e) => e.Kind switch
    {
        InputEventKind.Command => $"Command:{e.Command.Kind}",
        // A chunk's index travels where an instrument would be: never shown as one.
        InputEventKind.CommandChunk => lastCommand is { } kind ? $"CommandChunk:{kind}[{e.Instrument.Value}]" : $"CommandChunk[{e.Instrument.Value}]",
        _ => e.Kind.ToString(),
    };

    private static bool IsCommand(in InputEvent e) => e.Kind is InputEventKind.Command or InputEventKind.CommandChunk;

    /// <summary>A command's caller id (<see cref="CommandData.Caller"/>; a chunk: its header's); 0 = none.</summary>
    private ushort CallerOf(in InputEvent e) => e.Kind == InputEventKind.Command ? e.Command.Caller : lastCaller;

    /// <summary>What the row is: commands (header and body slots) as <c>Command</c>, other input events by record type.</summary>
    private static string RowType(JournalRecordType type, in InputEvent e) => IsCommand(e) ? "Command" : TypeName(type);

    private string? SymbolOf(InstrumentId id)
        => options.Catalog is { } catalog && id.Value >= 0 && id.Value < catalog.Count ? catalog.Symbols[id.Value] : null;

    private static string TypeName(JournalRecordType type)
        => Enum.IsDefined(type) ? type.ToString() : ((ushort)type).ToString(CultureInfo.InvariantCulture);
}
