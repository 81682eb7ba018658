using MultiAsset.Engine.Journal.Audit;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Transactions: one row per order event in the scope (creation, verdict, routing, acknowledgement, fill, reject,
/// cancel, kill switch, command), with the fields a regulator's order-event report asks for — the audit trail's export
/// (<see cref="AuditTrailExporter"/>: ids, account, instrument, side, quantity, price, type, time in force, event, venue,
/// reason and compared values, caller, input sequence, time with nanoseconds), filtered by time and account.
/// </summary>
public static class TransactionReport
{
    /// <summary>Writes the rows of the trail in <paramref name="directory"/> that the scope covers; returns how many.</summary>
    public static long Write(string directory, ReportScope scope, AuditExportOptions options, TextWriter output)
    {
        var exporter = new AuditTrailExporter(output, new AuditExportOptions
        {
            Format = options.Format,
            Catalog = options.Catalog,
            AccountNames = options.AccountNames,
            VenueNames = options.VenueNames,
            CallerNames = options.CallerNames,
            FromTime = scope.From,
            ToTime = scope.To,
        });
        var any = false;
        using (var reader = AuditTrailReader.Open(directory))
        {
            while (reader.TryRead(out var record))
            {
                if (record.Account >= 0 ? scope.Covers(record.Account) : scope.Accounts is null)
                {
                    any |= exporter.Write(in record);
                }
            }
        }

        if (!any && options.Format == Journal.JournalExportFormat.Csv)
        {
            output.WriteLine(string.Join(',', AuditTrailExporter.Columns));
        }

        return exporter.Written;
    }
}
