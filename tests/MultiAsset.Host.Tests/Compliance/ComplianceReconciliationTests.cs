using System.Globalization;
using MultiAsset.Engine.Compliance;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Tests.Snapshots;

namespace MultiAsset.Host.Tests.Compliance;

/// <summary>
/// Issue 18's check: after a journalled run of the shipped strategies, the compliance reports agree with the engine's
/// own state — the positions report with the accounts' positions, the limit report's accepted and refused counts with
/// the risk gate's verdict counters, the best-execution report's fills with the trail's.
/// </summary>
public sealed class ComplianceReconciliationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("mae-compliance-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Reports_after_a_day_of_trading_agree_with_the_accounts_and_the_gate()
    {
        var config = SnapshotTestEngine.WriteConfig(directory, journal: true);
        await SnapshotTestEngine.ProduceJournal(config, events: 30_000);
        var journal = Path.Combine(directory, "journal");
        var trail = Path.Combine(journal, AuditTrailFiles.DefaultFolder);

        // The engine's own state: the same journal replayed into a fresh engine (recovery), without touching the trail.
        var copy = Path.Combine(directory, "replay");
        var replayConfig = SnapshotTestEngine.WriteConfig(Directory.CreateDirectory(copy).FullName, journal: true);
        foreach (var file in Directory.GetFiles(journal).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)))
        {
            Directory.CreateDirectory(Path.Combine(copy, "journal"));
            File.Copy(file, Path.Combine(copy, "journal", Path.GetFileName(file)));
        }

        using var engine = SnapshotTestEngine.Build(replayConfig);
        engine.Pipeline.Start();
        SnapshotTestEngine.Replay(engine, Path.Combine(copy, "journal"), 0, engine.Journal!.RecoveredRecords);
        engine.Pipeline.Stop();

        var host = MultiAsset.Host.HostConfig.Load(config);
        var names = new ReportNames(host.MarketData.Catalog, [.. host.Trading.Accounts.Accounts.Select(a => a.Key)], [.. host.Trading.Venues!.Venues.Select(v => v.Name)]);

        // Positions: every account and instrument, to the unit.
        var positions = PositionReport.Build(trail, journal, names, ReportScope.Firm);
        var reported = Enumerable.Range(0, positions.Rows.Count).Where(r => positions.Cell(r, "kind") == "position")
            .ToDictionary(r => (positions.Cell(r, "account")!, positions.Cell(r, "instrument")!), r => decimal.Parse(positions.Cell(r, "quantity")!, CultureInfo.InvariantCulture));
        Assert.NotEmpty(reported);
        var book = engine.Stages.Accounts.Book;
        var held = 0;
        for (var a = 0; a < names.Accounts.Count; a++)
        {
            foreach (var instrument in host.MarketData.Catalog.Instruments)
            {
                var quantity = book.Position(new AccountId(a), instrument.Id).ToDecimal();
                Assert.Equal(quantity, reported.GetValueOrDefault((names.Accounts[a], instrument.Symbol)));
                held += quantity != 0 ? 1 : 0;
            }
        }

        Assert.Equal(held, reported.Count);

        // Verdicts: the limit report's accepted rows and refusals against the trail's verdict records, one per order.
        var limits = LimitComplianceReport.Build(trail, names, ReportScope.Firm);
        var records = AuditTrailReader.ReadAll(trail).ToList();
        var kinds = Enumerable.Range(0, limits.Rows.Count).Select(r => (Kind: limits.Cell(r, "kind"), Count: limits.Cell(r, "count"))).ToList();
        long Summed(string kind) => kinds.Where(k => k.Kind == kind).Sum(k => long.Parse(k.Count!, CultureInfo.InvariantCulture));
        long Rows(string kind) => kinds.Count(k => k.Kind == kind);
        Assert.Equal(records.Count(r => r.Type == AuditEventType.RiskAccepted), Summed("accepted"));
        Assert.Equal(records.Count(r => r.Type == AuditEventType.RiskRefused), Rows("refusal"));
        Assert.Equal(Rows("refusal"), Summed("summary"));

        // Best execution: the filled quantity over every group equals the trail's fills.
        var fold = OrderLifecycleFold.Read(trail, ReportScope.Firm);
        var best = BestExecutionReport.Build(fold.Orders, names, null);
        var filled = Enumerable.Range(0, best.Rows.Count).Sum(r => decimal.Parse(best.Cell(r, "filledQuantity")!, CultureInfo.InvariantCulture));
        Assert.True(filled > 0);
        Assert.Equal(records.Where(r => r.Type == AuditEventType.Fill).Sum(r => Quantity.FromRaw(r.Quantity).ToDecimal()), filled);

        // End of day: the four reports of the run's day, once.
        var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(records[0].Timestamp / 1_000_000).UtcDateTime);
        var source = new MultiAsset.Host.Control.Application.ComplianceReportSource(trail, journal, names);
        var folder = MultiAsset.Host.Compliance.DailyReportService.WriteDay(source, Path.Combine(directory, "reports"), day);
        Assert.NotNull(folder);
        Assert.Equal(["best-execution.csv", "limits.csv", "positions.csv", "transactions.csv"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.ReadAllLines(Path.Combine(folder, "transactions.csv")).Length > 1);
        Assert.Null(MultiAsset.Host.Compliance.DailyReportService.WriteDay(source, Path.Combine(directory, "reports"), day));
    }
}
