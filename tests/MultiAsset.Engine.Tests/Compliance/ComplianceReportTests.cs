using MultiAsset.Engine.Compliance;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Compliance;

/// <summary>
/// The compliance reports on a hand-written trail whose every figure is computed by hand in the comments:
/// order 1 buys 100 AAPL (arrival 100.00, TWAP) in two children — 60 at market on SIM-A filled at 100.10 (fee 0.60, ack
/// after 50 µs), 40 limit 100.05 on SIM-B filled at 100.00 (fee 0.20, ack after 200 µs); order 2 (sell 50 AAPL) is
/// refused PositionLimit comparing 150 with 120; order 3 buys 1 BTCUSD (arrival 50 000) on SIM-A, filled at 50 010
/// (fee 5); then the crypto-tech kill switch goes on by API key 1.
/// </summary>
public sealed class ComplianceReportTests : IDisposable
{
    private const long T0 = 1_772_461_800_000_000_000; // 2026-03-02T14:30:00Z
    private const long Micro = 1_000;
    private readonly string root = Directory.CreateTempSubdirectory("mae-compliance-").FullName;
    private readonly ReportNames names = new(RepoFiles.ShippedCatalog, ["default", "crypto-tech"], ["SIM-A", "SIM-B"], ["ops-key"]);

    public ComplianceReportTests() => WriteTrail();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static int Id(string symbol) => RepoFiles.ShippedCatalog.TryGet(symbol, out var i) ? i.Id.Value : throw new ArgumentException(symbol);

    private static long Raw(decimal value) => (long)(value * FixedPoint.Scale);

    private static AuditRecord Order(AuditEventType type, long input, long time, long orderId, int account, string symbol, OrderSide side, decimal quantity, decimal price)
    {
        var r = AuditRecord.Of(type, input, time);
        r.OrderId = orderId;
        r.Account = account;
        r.Strategy = account;
        r.Instrument = Id(symbol);
        r.Side = side;
        r.Quantity = Raw(quantity);
        r.Price = Raw(price);
        r.Algorithm = ExecutionAlgorithm.Twap;
        r.OrderType = OrderType.Market;
        return r;
    }

    private static AuditRecord Child(AuditEventType type, long input, long time, long orderId, int child, int venue, int account, string symbol, OrderSide side, decimal quantity, decimal price, OrderType childType = OrderType.Market)
    {
        var r = Order(type, input, time, orderId, account, symbol, side, quantity, price);
        r.ChildOrderId = ChildOrderId.Of(orderId, child);
        r.Venue = (short)venue;
        r.OrderType = childType;
        return r;
    }

    private void WriteTrail()
    {
        var records = new List<AuditRecord>
        {
            Order(AuditEventType.OrderCreated, 1, T0, 1, 0, "AAPL", OrderSide.Buy, 100, 100.00m),
            Order(AuditEventType.RiskAccepted, 1, T0, 1, 0, "AAPL", OrderSide.Buy, 100, 100.00m),
            Child(AuditEventType.ChildRouted, 1, T0, 1, 0, 0, 0, "AAPL", OrderSide.Buy, 60, 0),
            Child(AuditEventType.ChildRouted, 1, T0, 1, 1, 1, 0, "AAPL", OrderSide.Buy, 40, 100.05m, OrderType.Limit),
            Child(AuditEventType.VenueAck, 2, T0 + (50 * Micro), 1, 0, 0, 0, "AAPL", OrderSide.Buy, 60, 0),
            Child(AuditEventType.VenueAck, 3, T0 + (200 * Micro), 1, 1, 1, 0, "AAPL", OrderSide.Buy, 40, 100.05m),
            Fee(Child(AuditEventType.Fill, 4, T0 + (300 * Micro), 1, 0, 0, 0, "AAPL", OrderSide.Buy, 60, 100.10m), 0.60m),
            Fee(Child(AuditEventType.Fill, 5, T0 + (400 * Micro), 1, 1, 1, 0, "AAPL", OrderSide.Buy, 40, 100.00m), 0.20m),
            Order(AuditEventType.OrderCreated, 6, T0 + 1_000_000, 2, 0, "AAPL", OrderSide.Sell, 50, 101m),
            Refused(Order(AuditEventType.RiskRefused, 6, T0 + 1_000_000, 2, 0, "AAPL", OrderSide.Sell, 50, 101m), RiskVerdict.PositionLimit, 150, 120),
            Order(AuditEventType.OrderCreated, 7, T0 + 2_000_000, 3, 1, "BTCUSD", OrderSide.Buy, 1, 50_000m),
            Order(AuditEventType.RiskAccepted, 7, T0 + 2_000_000, 3, 1, "BTCUSD", OrderSide.Buy, 1, 50_000m),
            Child(AuditEventType.ChildRouted, 7, T0 + 2_000_000, 3, 0, 0, 1, "BTCUSD", OrderSide.Buy, 1, 0),
            Fee(Child(AuditEventType.Fill, 8, T0 + 3_000_000, 3, 0, 0, 1, "BTCUSD", OrderSide.Buy, 1, 50_010m), 5m),
        };
        var kill = AuditRecord.Of(AuditEventType.KillSwitchOn, 9, T0 + 4_000_000);
        kill.Account = 1;
        kill.Caller = 1;
        records.Add(kill);

        using var writer = AuditTrailWriter.Open(new AuditTrailOptions { Directory = root, Durability = JournalDurability.Sync }, trailId: 1);
        long input = -1;
        foreach (var r in records)
        {
            if (input >= 0 && r.InputSequence != input)
            {
                writer.EndInput();
            }

            input = r.InputSequence;
            writer.Append(in r);
        }

        writer.EndInput();
        writer.Flush();
    }

    private static AuditRecord Fee(AuditRecord r, decimal fee)
    {
        r.Value = Raw(fee);
        r.Unit = AuditValueUnit.Fee;
        return r;
    }

    private static AuditRecord Refused(AuditRecord r, RiskVerdict rule, decimal value, decimal limit)
    {
        r.Reason = (byte)rule;
        r.Value = Raw(value);
        r.Limit = Raw(limit);
        r.Unit = AuditValueUnit.Quantity;
        return r;
    }

    private static decimal D(string? cell) => decimal.Parse(cell!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Best_execution_matches_the_hand_computed_fill_rates_slippage_improvement_latency_and_ranks()
    {
        var fold = OrderLifecycleFold.Read(root, ReportScope.Firm);
        var table = BestExecutionReport.Build(fold.Orders, names, vwaps: null);
        Assert.Equal(3, table.Rows.Count);

        // CRYPTO first (classes in order), then STOCK by rank: SIM-A (6 006) before SIM-B (4 000).
        Assert.Equal(["CRYPTO", "STOCK", "STOCK"], Enumerable.Range(0, 3).Select(r => table.Cell(r, "assetClass")));
        Assert.Equal(["SIM-A", "SIM-A", "SIM-B"], Enumerable.Range(0, 3).Select(r => table.Cell(r, "venue")));

        // BTC: 1 at 50 010 against 50 000 → 10 / 50 000 = 2 bps; fee 5.
        Assert.Equal(2m, D(table.Cell(0, "slippageVsArrivalBps")));
        Assert.Equal(5m, D(table.Cell(0, "fees")));

        // SIM-A AAPL: 60 at 100.10 vs 100.00 → 6 / 6 000 = 10 bps; ack 50 µs; 6 006 / 10 006 = 60.023986 % of the class's notional.
        Assert.Equal(("1", "1", "Twap"), (table.Cell(1, "rankInClass"), table.Cell(1, "fillRate"), table.Cell(1, "algorithm")));
        Assert.Equal(10m, D(table.Cell(1, "slippageVsArrivalBps")));
        Assert.Equal(6_006m, D(table.Cell(1, "filledNotional")));
        Assert.Equal(60.023986m, D(table.Cell(1, "volumeSharePercent")));
        Assert.Equal(50m, D(table.Cell(1, "ackLatencyMeanUs")));
        Assert.Null(table.Cell(1, "priceImprovementBps")); // a market child has no limit to improve on
        Assert.Equal(6m, D(table.Cell(1, "slippageCost")));

        // SIM-B AAPL: 40 at 100.00, limit 100.05 → improvement 40 × 0.05 / (40 × 100.05) = 4.997501 bps; no slippage; ack 200 µs.
        Assert.Equal(4.997501m, D(table.Cell(2, "priceImprovementBps")));
        Assert.Equal(0m, D(table.Cell(2, "slippageVsArrivalBps")));
        Assert.Equal(200m, D(table.Cell(2, "ackLatencyMaxUs")));
        Assert.Equal(0.20m, D(table.Cell(2, "fees")));
    }

    [Fact]
    public void Best_execution_against_the_interval_vwap_uses_each_parents_vwap()
    {
        var fold = OrderLifecycleFold.Read(root, ReportScope.Firm);
        // AAPL's interval VWAP 100.05: SIM-A 60 × (100.10 − 100.05) = 3 over 6 003 → 4.997501 bps; SIM-B 40 × (100.00 − 100.05) = −2 over 4 002.
        var table = BestExecutionReport.Build(fold.Orders, names, [100.05m, null, null]);
        Assert.Equal(4.997501m, D(table.Cell(1, "slippageVsIntervalVwapBps")));
        Assert.Equal(-4.997501m, D(table.Cell(2, "slippageVsIntervalVwapBps")));
        Assert.Null(table.Cell(0, "slippageVsIntervalVwapBps"));
    }

    [Fact]
    public void Limit_compliance_lists_each_rules_refusals_with_peak_usage_and_every_kill_switch_action()
    {
        var table = LimitComplianceReport.Build(root, names, ReportScope.Firm);
        var kinds = Enumerable.Range(0, table.Rows.Count).Select(r => table.Cell(r, "kind")).ToList();
        Assert.Equal(["summary", "accepted", "accepted", "refusal", "killSwitchOn"], kinds);
        Assert.Equal(("default", "PositionLimit", "1", "125"), (table.Cell(0, "account"), table.Cell(0, "rule"), table.Cell(0, "count"), table.Cell(0, "peakUsagePercent")?.TrimEnd('0').TrimEnd('.')));
        Assert.Equal(("crypto-tech", "1", "default", "1"), (table.Cell(1, "account"), table.Cell(1, "count"), table.Cell(2, "account"), table.Cell(2, "count"))); // accounts by name
        Assert.Equal(("AAPL", "sell", 150m, 120m, "Quantity"), (table.Cell(3, "instrument"), table.Cell(3, "side"), D(table.Cell(3, "value")), D(table.Cell(3, "limit")), table.Cell(3, "unit")));
        Assert.Equal(("crypto-tech", "ops-key"), (table.Cell(4, "account"), table.Cell(4, "caller")));
    }

    [Fact]
    public void A_scope_of_one_account_sees_only_that_accounts_events()
    {
        var crypto = new ReportScope { Accounts = new HashSet<int> { 1 } };
        var limits = LimitComplianceReport.Build(root, names, crypto);
        Assert.Equal(["accepted", "killSwitchOn"], Enumerable.Range(0, limits.Rows.Count).Select(r => limits.Cell(r, "kind")));
        var fold = OrderLifecycleFold.Read(root, crypto);
        Assert.Equal([3L], fold.Orders.Select(o => o.OrderId));
    }

    [Fact]
    public void Positions_are_the_sum_of_fills_before_the_instant_valued_at_the_last_fill_without_a_journal()
    {
        var table = PositionReport.Build(root, journal: null, names, ReportScope.Firm);
        var positions = Enumerable.Range(0, table.Rows.Count).Where(r => table.Cell(r, "kind") == "position").ToList();
        Assert.Equal(2, positions.Count);
        Assert.Equal(("crypto-tech", "BTCUSD", 1m, 50_010m, "lastFill"), (table.Cell(positions[0], "account"), table.Cell(positions[0], "instrument"), D(table.Cell(positions[0], "quantity")), D(table.Cell(positions[0], "marketValue")), table.Cell(positions[0], "priceSource")));
        Assert.Equal(("default", "AAPL", 100m, 10_000m), (table.Cell(positions[1], "account"), table.Cell(positions[1], "instrument"), D(table.Cell(positions[1], "quantity")), D(table.Cell(positions[1], "marketValue"))));

        // The firm's USD: 50 010 + 10 000.
        var firmUsd = Enumerable.Range(0, table.Rows.Count).Single(r => table.Cell(r, "kind") == "currency" && table.Cell(r, "account") == "firm");
        Assert.Equal(60_010m, D(table.Cell(firmUsd, "marketValue")));

        // As of just after the first AAPL fill: 60 AAPL at 100.10, no BTC yet.
        var early = PositionReport.Build(root, null, names, new ReportScope { To = T0 + (350 * Micro) });
        var only = Enumerable.Range(0, early.Rows.Count).Single(r => early.Cell(r, "kind") == "position");
        Assert.Equal((60m, 6_006m), (D(early.Cell(only, "quantity")), D(early.Cell(only, "marketValue"))));
    }

    [Fact]
    public void Transactions_are_one_row_per_order_event_in_the_window()
    {
        using var all = new StringWriter();
        Assert.Equal(15, TransactionReport.Write(root, ReportScope.Firm, new AuditExportOptions { Catalog = RepoFiles.ShippedCatalog }, all));
        using var window = new StringWriter();
        var rows = TransactionReport.Write(root, new ReportScope { From = T0 + 1_000_000, To = T0 + 2_000_000 }, new AuditExportOptions(), window);
        Assert.Equal(2, rows); // order 2's creation and refusal
        var lines = window.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("index,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_keeps_numbers_as_numbers_and_csv_quotes_what_needs_it()
    {
        var table = new ReportTable("t", ["a", "b", "c"]);
        table.Add("x,y", "12.50", "007");
        using var json = new StringWriter();
        table.WriteJson(json);
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToString());
        var row = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal(12.50m, row.GetProperty("b").GetDecimal());
        Assert.Equal("007", row.GetProperty("c").GetString());
        using var csv = new StringWriter();
        table.WriteCsv(csv);
        Assert.Contains("\"x,y\",12.50,007", csv.ToString(), StringComparison.Ordinal);
    }
}
