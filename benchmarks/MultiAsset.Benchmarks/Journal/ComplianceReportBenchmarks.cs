using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Compliance;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Benchmarks.Journal;

/// <summary>
/// Issue 18: report generation over one million order events (&lt; 5 s). The trail holds 200 000 orders of 5 events each
/// (created, accepted, routed, acknowledged, filled) over 8 accounts, 38 instruments and 3 venues, one refusal in ten
/// orders; each benchmark reads it from disk and writes the CSV report to a null writer. No journal: positions are
/// valued at the last fill, best execution has no interval VWAP.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class ComplianceReportBenchmarks
{
    private const int Orders = 200_000;

    private string root = string.Empty;
    private ReportNames names = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("mae-report-bench-").FullName;
        var catalog = InstrumentCatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "instruments.json"));
        var tradable = catalog.Instruments.Where(i => i.IsTradable).Select(i => i.Id.Value).ToArray();
        names = new ReportNames(catalog, [.. Enumerable.Range(0, 8).Select(a => $"account-{a}")], ["SIM-A", "SIM-B", "SIM-C"]);
        var random = new Random(7);
        using var writer = AuditTrailWriter.Open(new AuditTrailOptions { Directory = root, Durability = JournalDurability.Async }, trailId: 1);
        long time = 1_772_461_800_000_000_000;
        for (var o = 1; o <= Orders; o++)
        {
            var input = (long)o;
            time += 1_000_000;
            var account = random.Next(8);
            var instrument = tradable[random.Next(tradable.Length)];
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var price = 100_00_000_000L + random.Next(1_000_000);
            AuditRecord Record(AuditEventType type, long at)
            {
                var r = AuditRecord.Of(type, input, at);
                r.OrderId = o;
                r.Account = account;
                r.Strategy = account;
                r.Instrument = instrument;
                r.Side = side;
                r.Quantity = 100 * FixedPoint.Scale;
                r.Price = price;
                r.Algorithm = ExecutionAlgorithm.Twap;
                return r;
            }

            writer.Append(Record(AuditEventType.OrderCreated, time));
            if (o % 10 == 0)
            {
                var refused = Record(AuditEventType.RiskRefused, time);
                refused.Reason = (byte)RiskVerdict.MaxNotional;
                refused.Value = 12_000 * FixedPoint.Scale;
                refused.Limit = 10_000 * FixedPoint.Scale;
                refused.Unit = AuditValueUnit.Money;
                writer.Append(in refused);
                writer.EndInput();
                continue;
            }

            writer.Append(Record(AuditEventType.RiskAccepted, time));
            var routed = Record(AuditEventType.ChildRouted, time);
            routed.ChildOrderId = ChildOrderId.Of(o, 0);
            routed.Venue = (short)random.Next(3);
            writer.Append(in routed);
            var ack = routed;
            ack.Type = AuditEventType.VenueAck;
            ack.Timestamp = time + 50_000;
            writer.Append(in ack);
            var fill = routed;
            fill.Type = AuditEventType.Fill;
            fill.Timestamp = time + 100_000;
            fill.Price = price + random.Next(-100_000, 100_000);
            fill.Value = FixedPoint.Scale / 10;
            fill.Unit = AuditValueUnit.Fee;
            writer.Append(in fill);
            writer.EndInput();
        }

        writer.Flush();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [Benchmark(Description = "best execution over 1 M order events")]
    public void BestExecution() => ComplianceReports.Write("best-execution", root, null, names, ReportScope.Firm, json: false, TextWriter.Null);

    [Benchmark(Description = "limit compliance over 1 M order events")]
    public void Limits() => ComplianceReports.Write("limits", root, null, names, ReportScope.Firm, json: false, TextWriter.Null);

    [Benchmark(Description = "positions over 1 M order events")]
    public void Positions() => ComplianceReports.Write("positions", root, null, names, ReportScope.Firm, json: false, TextWriter.Null);

    [Benchmark(Description = "transactions (one CSV row per event) over 1 M order events")]
    public void Transactions() => ComplianceReports.Write("transactions", root, null, names, ReportScope.Firm, json: false, TextWriter.Null);
}
