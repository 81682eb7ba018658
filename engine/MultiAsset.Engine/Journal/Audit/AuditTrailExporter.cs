using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Journal.Audit;

/// <summary>
/// Writes the audit trail as CSV or JSON lines, one row per order event, with the fields an order-event report asks
/// for: ids (order, child), account, strategy, instrument, side, quantity, price, order type, time in force, event
/// type, venue, rule or reason, the values compared, caller, input sequence, and the time (ISO-8601 UTC with
/// nanoseconds, and the integer nanoseconds). Quantities, prices and money are exact decimal strings of the fixed-point
/// values; ids are printed as numbers, and as names where a table is given.
/// </summary>
public sealed class AuditTrailExporter
{
    /// <summary>The CSV columns (JSON uses the same names), in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "index", "inputSequence", "timestamp", "timestampNs", "event", "orderId", "childOrderId", "account", "accountId", "strategyId",
        "instrument", "instrumentId", "side", "quantity", "price", "orderType", "timeInForce", "algorithm", "venue", "venueId",
        "reason", "value", "limit", "unit", "liquidity", "caller", "callerId", "correlationId", "sourceSequence",
    ];

    private readonly TextWriter output;
    private readonly AuditExportOptions options;
    private readonly string?[] row = new string?[Columns.Count];
    private bool headerWritten;

    /// <summary>Writes to <paramref name="output"/>.</summary>
    public AuditTrailExporter(TextWriter output, AuditExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        this.output = output;
        this.options = options;
    }

    /// <summary>Rows written.</summary>
    public long Written { get; private set; }

    /// <summary>Exports the trail in <paramref name="directory"/>; returns the rows written.</summary>
    public static long Export(string directory, TextWriter output, AuditExportOptions options)
    {
        var exporter = new AuditTrailExporter(output, options);
        using var reader = AuditTrailReader.Open(directory);
        while (reader.TryRead(out var record))
        {
            exporter.Write(in record);
        }

        if (options.Format == JournalExportFormat.Csv && !exporter.headerWritten)
        {
            output.WriteLine(string.Join(',', Columns));
        }

        return exporter.Written;
    }

    /// <summary>Writes one record (the CSV header first, once); false when filtered out.</summary>
    public bool Write(in AuditRecord record)
    {
        if ((options.FromTime is { } from && record.Timestamp < from) || (options.ToTime is { } to && record.Timestamp >= to))
        {
            return false;
        }

        Fill(in record);
        if (options.Format == JournalExportFormat.Csv)
        {
            WriteCsv();
        }
        else
        {
            WriteJson();
        }

        Written++;
        return true;
    }

    /// <summary>The name of a record's <see cref="AuditRecord.Reason"/> byte, which depends on its type.</summary>
    public static string? ReasonName(in AuditRecord record) => record.Type switch
    {
        AuditEventType.RiskAccepted or AuditEventType.RiskRefused or AuditEventType.RiskHeld => ((RiskVerdict)record.Reason).ToString(),
        AuditEventType.VenueReject => ((VenueRejectReason)record.Reason).ToString(),
        AuditEventType.Command => ((CommandKind)record.Reason).ToString(),
        AuditEventType.OrderCreated => ((IntentReason)record.Reason).ToString(),
        _ => null,
    };

    private void Fill(in AuditRecord r)
    {
        var inv = CultureInfo.InvariantCulture;
        Array.Clear(row);
        row[0] = r.Index.ToString(inv);
        row[1] = r.InputSequence.ToString(inv);
        row[2] = JournalTime.Format(r.Timestamp);
        row[3] = r.Timestamp.ToString(inv);
        row[4] = r.Type.ToString();
        var order = r.OrderId != 0;
        row[5] = order ? r.OrderId.ToString(inv) : null;
        row[6] = r.ChildOrderId != 0 ? r.ChildOrderId.ToString(inv) : null;
        if (r.Account >= 0)
        {
            row[7] = Name(options.AccountNames, r.Account);
            row[8] = r.Account.ToString(inv);
        }

        row[9] = r.Strategy >= 0 ? r.Strategy.ToString(inv) : null;
        if (r.Instrument >= 0)
        {
            row[10] = options.Catalog is { } catalog && r.Instrument < catalog.Count ? catalog.Symbols[r.Instrument] : null;
            row[11] = r.Instrument.ToString(inv);
        }

        var orderish = order || r.Type is AuditEventType.ChildRouted;
        if (orderish)
        {
            row[12] = r.Side.ToString();
            row[13] = FixedPoint.Format(r.Quantity);
            row[14] = r.Price != 0 ? FixedPoint.Format(r.Price) : null;
        }

        if (r.Type is AuditEventType.OrderCreated or AuditEventType.RiskAccepted or AuditEventType.RiskRefused or AuditEventType.RiskHeld or AuditEventType.ChildRouted)
        {
            row[15] = r.OrderType.ToString();
        }

        if (r.Type is AuditEventType.OrderCreated or AuditEventType.RiskAccepted or AuditEventType.RiskRefused or AuditEventType.RiskHeld)
        {
            row[16] = r.TimeInForce.ToString();
            row[17] = r.Algorithm.ToString();
        }

        if (r.Venue >= 0)
        {
            row[18] = Name(options.VenueNames, r.Venue);
            row[19] = r.Venue.ToString(inv);
        }

        row[20] = ReasonName(in r);
        if (r.Unit != AuditValueUnit.None)
        {
            row[21] = FixedPoint.Format(r.Value);
            row[22] = r.Unit == AuditValueUnit.Fee ? null : r.Limit == long.MaxValue ? "unlimited" : FixedPoint.Format(r.Limit);
            row[23] = r.Unit.ToString();
        }

        row[24] = r.Type == AuditEventType.Fill ? r.Liquidity.ToString() : null;
        if (r.Caller != 0)
        {
            row[25] = Name(options.CallerNames, r.Caller - 1);
            row[26] = r.Caller.ToString(inv);
        }

        row[27] = r.Type == AuditEventType.Command ? r.CorrelationId.ToString(inv) : null;
        row[28] = order && r.Type is AuditEventType.OrderCreated or AuditEventType.RiskAccepted or AuditEventType.RiskRefused or AuditEventType.RiskHeld
            ? r.SourceSequence.ToString(inv)
            : null;
    }

    private static string? Name(IReadOnlyList<string>? names, int id) => names is not null && id >= 0 && id < names.Count ? names[id] : null;

    private void WriteCsv()
    {
        if (!headerWritten)
        {
            output.WriteLine(string.Join(',', Columns));
            headerWritten = true;
        }

        output.WriteLine(CsvText.Line(row));
    }

    private void WriteJson()
    {
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is not { } value)
                {
                    continue;
                }

                // Integer columns as numbers; decimals stay strings (exact fixed point).
                if (Columns[i] is "index" or "inputSequence" or "timestampNs" or "orderId" or "childOrderId" or "accountId" or "strategyId" or "instrumentId" or "venueId" or "callerId" or "correlationId" or "sourceSequence")
                {
                    json.WriteNumber(Columns[i], long.Parse(value, CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteString(Columns[i], value);
                }
            }

            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}

/// <summary>What <see cref="AuditTrailExporter"/> writes and how it names ids.</summary>
public sealed class AuditExportOptions
{
    /// <summary>CSV or JSON lines.</summary>
    public JournalExportFormat Format { get; init; } = JournalExportFormat.Csv;

    /// <summary>Instrument symbols by id; null: ids only.</summary>
    public InstrumentCatalog? Catalog { get; init; }

    /// <summary>Account names by id (config order); null: ids only.</summary>
    public IReadOnlyList<string>? AccountNames { get; init; }

    /// <summary>Venue names by id; null: ids only.</summary>
    public IReadOnlyList<string>? VenueNames { get; init; }

    /// <summary>API key names by caller id − 1 (the configured key list); null: caller ids only.</summary>
    public IReadOnlyList<string>? CallerNames { get; init; }

    /// <summary>First event time (inclusive), Unix ns; null: from the start.</summary>
    public long? FromTime { get; init; }

    /// <summary>End event time (exclusive), Unix ns; null: to the end.</summary>
    public long? ToTime { get; init; }
}
