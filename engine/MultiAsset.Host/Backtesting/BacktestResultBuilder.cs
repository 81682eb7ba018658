using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MultiAsset.Engine.Backtest.Attribution;
using MultiAsset.Engine.Backtest.Metrics;
using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Turns a finished run into <see cref="BacktestResult"/>: P&amp;L from the account book (the figures the live desk
/// reports, reconciled to the unit), metrics from the recorded equity curves and round trips
/// (<see cref="PerformanceCalculator"/>), attribution from the book's per-instrument P&amp;L (<see cref="PnlAttribution"/>).
/// </summary>
internal static class BacktestResultBuilder
{
    /// <summary>Strategy name of an account's own (non-strategy) orders, and of P&amp;L no instrument carries.</summary>
    public const string AccountRow = "(account)";

    public static BacktestResult Build(BacktestRun run)
    {
        var spec = run.Spec;
        var stages = run.Engine.Stages;
        var book = stages.Accounts.Book;
        var recorder = run.Recorder;
        var benchmark = recorder.BenchmarkPrices.Select(p => new EquitySample(p.Time, Money.FromRaw(p.Price.Raw))).ToArray();
        var accounts = new List<BacktestBook>();
        var strategies = new List<BacktestBook>();
        var pnls = new List<(AccountId Id, string Name, AccountPnl Pnl)>();
        for (var a = 0; a < book.AccountCount; a++)
        {
            var id = new AccountId(a);
            var name = stages.AccountNames.NameOf(id);
            var pnl = PnlNames.Name(book.Pnl(id), stages);
            var snapshot = book.Snapshot(id);
            pnls.Add((id, name, pnl));
            var rows = recorder.Equity.Where(r => r.Account == id).ToArray();
            var fills = recorder.Fills.Where(f => f.Account == id).ToList();
            var input = new PerformanceInput
            {
                Equity = Curve(rows.Select(r => new EquitySample(r.Time, r.Equity)), pnl.StartEquity, recorder),
                GrossExposure = rows.Length == 0 ? ReadOnlyMemory<Money>.Empty : rows.Select(r => r.Gross).ToArray(),
                Trades = [.. run.Trips.Where(t => t.Account == id).Select(t => t.Trade)],
                TradedValue = Sum(fills.Select(f => f.NotionalBase)),
                Basis = AnnualisationBasis.DailyFor(Classes(book, fills)),
                RiskFreeRate = spec.RiskFreeRate,
                Benchmark = benchmark,
            };
            var lines = pnl.Strategies;
            accounts.Add(new BacktestBook
            {
                Name = name,
                Account = name,
                Currency = pnl.BaseCurrency,
                Pnl = new BacktestPnl(pnl.Realised.ToDecimal(), pnl.Unrealised.ToDecimal(), pnl.FxTranslation.ToDecimal(), pnl.Fees.ToDecimal(), pnl.Total.ToDecimal()),
                Counts = new BacktestCounts(lines.Sum(l => l.Fills), lines.Sum(l => l.Orders), lines.Sum(l => l.Refusals), lines.Sum(l => l.RiskRefusals), lines.Sum(l => l.VenueRejects)),
                Metrics = PerformanceCalculator.Compute(input),
                Cash = [.. snapshot.Cash.Select(c => new BacktestCash(c.Currency, c.Amount.ToDecimal(), c.BaseValue?.ToDecimal()))],
                Positions = [.. snapshot.Positions.Where(p => p.Quantity.Raw != 0).Select(p => new BacktestPosition(
                    p.Symbol, p.Quantity.ToDecimal(), p.AverageCost.ToDecimal(), p.Mark?.ToDecimal(), p.MarketValue.ToDecimal(), p.QuoteCurrency, p.BaseValue?.ToDecimal()))],
            });
            foreach (var line in lines)
            {
                var strategyRows = recorder.Strategies.Where(r => r.Account == id && r.Strategy == line.Strategy);
                var strategyFills = fills.Where(f => f.Strategy == line.Strategy).ToList();
                strategies.Add(new BacktestBook
                {
                    Name = line.Name ?? AccountRow,
                    Account = name,
                    Currency = line.BaseCurrency,
                    Pnl = new BacktestPnl(line.Realised.ToDecimal(), line.Unrealised.ToDecimal(), line.FxTranslation.ToDecimal(), line.Fees.ToDecimal(), line.Total.ToDecimal()),
                    Counts = new BacktestCounts(line.Fills, line.Orders, line.Refusals, line.RiskRefusals, line.VenueRejects),
                    Metrics = PerformanceCalculator.Compute(input with
                    {
                        // A strategy's equity: its account's starting equity plus the strategy's own P&L.
                        Equity = Curve(strategyRows.Select(r => new EquitySample(r.Time, pnl.StartEquity + r.Total)), pnl.StartEquity, recorder),
                        GrossExposure = ReadOnlyMemory<Money>.Empty,
                        Trades = [.. run.Trips.Where(t => t.Account == id && t.Strategy == line.Strategy).Select(t => t.Trade)],
                        TradedValue = Sum(strategyFills.Select(f => f.NotionalBase)),
                        Basis = AnnualisationBasis.DailyFor(Classes(book, strategyFills)),
                    }),
                });
            }
        }

        var currencies = pnls.Select(p => p.Pnl.BaseCurrency).Distinct().ToList();
        BacktestBook? portfolio = null;
        if (currencies.Count == 1 && pnls.Count > 0)
        {
            // At each sample time, each account's last row (an account can have two at one instant: its starting
            // state before the first event and its state after that instant's events).
            var byTime = recorder.Equity.GroupBy(r => r.Time).OrderBy(g => g.Key)
                .Select(g => g.GroupBy(r => r.Account).Select(a => a.Last()).ToList()).ToList();
            var start = Sum(pnls.Select(p => p.Pnl.StartEquity));
            portfolio = new BacktestBook
            {
                Name = "portfolio",
                Currency = currencies[0],
                Pnl = new BacktestPnl(
                    pnls.Sum(p => p.Pnl.Realised.ToDecimal()), pnls.Sum(p => p.Pnl.Unrealised.ToDecimal()), pnls.Sum(p => p.Pnl.FxTranslation.ToDecimal()), pnls.Sum(p => p.Pnl.Fees.ToDecimal()), pnls.Sum(p => p.Pnl.Total.ToDecimal())),
                Metrics = PerformanceCalculator.Compute(new PerformanceInput
                {
                    Equity = Curve(byTime.Select(g => new EquitySample(g[0].Time, Sum(g.Select(r => r.Equity)))), start, recorder),
                    GrossExposure = byTime.Count == 0 ? ReadOnlyMemory<Money>.Empty : byTime.Select(g => Sum(g.Select(r => r.Gross))).ToArray(),
                    Trades = [.. run.Trips.Select(t => t.Trade)],
                    TradedValue = Sum(recorder.Fills.Select(f => f.NotionalBase)),
                    Basis = AnnualisationBasis.DailyFor(Classes(book, recorder.Fills)),
                    RiskFreeRate = spec.RiskFreeRate,
                    Benchmark = benchmark,
                }),
            };
        }

        var engine = run.Engine;
        var ledger = stages.Router.Ledger;
        // Input events (market data, commands, the venues' reports): the chain's input numbering, the same run after run.
        var processed = engine.Chain?.NextInputSequence ?? stages.MarketData.Processed;
        return new BacktestResult
        {
            Name = spec.Name,
            Spec = spec.Source,
            Output = spec.Output,
            Period = new BacktestPeriod(
                recorder.Equity.Count > 0 ? Time(recorder.Equity[0].Time) : null,
                recorder.Equity.Count > 0 ? Time(recorder.Equity[^1].Time) : null,
                processed,
                stages.MarketData.Counters.Accepted,
                stages.MarketData.Counters.Snapshot().ToDictionary(r => r.Key.ToString(), r => r.Value)),
            Settings = new BacktestSettings(
                spec.FillModel, spec.Fees, spec.SlippageBps, spec.Participation, spec.Latency == TimeSpan.Zero ? "0" : $"{spec.Latency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
                spec.RejectProbability, spec.Benchmark, spec.RiskFreeRate, spec.EquityInterval.ToString("c", CultureInfo.InvariantCulture), [.. spec.Strategies.Select(s => s.Source)]),
            Engine = Digests(engine, run),
            Timing = new BacktestTiming(Math.Round(run.Elapsed.TotalSeconds, 3), Math.Round(run.ReplayElapsed.TotalSeconds, 3), Math.Round(processed / Math.Max(1e-9, run.ReplayElapsed.TotalSeconds))),
            Portfolio = portfolio,
            PortfolioNote = portfolio is null ? $"the accounts have different base currencies ({string.Join(", ", currencies)}): see each account" : null,
            Accounts = accounts,
            Strategies = strategies,
            Brinson = BacktestBrinson.Build(run),
            Stress = run.Stress,
            VarBacktest = BacktestVaRBacktest.Build(recorder.VaRForecasts.Marks, recorder.VaRForecasts.Confidence),
            Attribution = [.. currencies.Select(c => Attribution(c, pnls.Where(p => p.Pnl.BaseCurrency == c).ToList()))],
            Orders = new BacktestOrderFacts(stages.Coordination.LastOrderId, run.Orders.Count, ledger.Evicted, recorder.Fills.Count, run.Trips.Count, recorder.Equity.Count == 0 ? 0 : recorder.Positions.Count(p => p.Time == recorder.Equity[^1].Time)),
            Imports = [.. run.Imports.Select(i => new BacktestImportFacts(
                i.Name, i.Report.CachePath, i.Report.Rows, i.Report.Accepted, i.Report.Rejected, i.Report.Rounded, i.Report.GapCount,
                i.Report.RejectedByReason.ToDictionary(r => Engine.Backtest.Import.ImportReport.ReasonName(r.Key), r => r.Value),
                [.. i.Report.Rejections.Select(r => r.ToString())]))],
            Files = BacktestResultWriter.FileNames,
        };
    }

    /// <summary>The round trips of the recorded fills: a strategy's fills of one instrument, side and instant as one, FIFO per account, strategy and instrument.</summary>
    public static RoundTripBuilder RoundTrips(IReadOnlyList<RecordedFill> fills)
    {
        var trips = new RoundTripBuilder();
        foreach (var fill in FillGrouping.ByInstant(fills))
        {
            trips.Add(in fill);
        }

        return trips;
    }

    /// <summary>Every order the ledger still lists, oldest first.</summary>
    public static List<OrderView> OrderRows(EngineStages stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var all = new OrderFilter(-1, null, null, -1, null, null, long.MinValue, -1, -1);
        var rows = stages.Router.ReadModel(stages.AccountNames.NameOf).Orders(stages.Router.Ledger, in all, int.MaxValue);
        rows.Reverse();
        return rows;
    }

    /// <summary>ISO 8601 UTC with the fraction the time has (to the 100 ns).</summary>
    public static string Time(long unixNanoseconds) => OrderReadModel.Time(unixNanoseconds);

    private static ReadOnlyMemory<EquitySample> Curve(IEnumerable<EquitySample> samples, Money start, BacktestRecorder recorder)
    {
        var curve = samples.ToArray();
        // No event at all (empty data): a one-point curve at the starting equity, so every figure is defined or null.
        return curve.Length > 0 ? curve : [new EquitySample(recorder.Equity.Count > 0 ? recorder.Equity[0].Time : 0, start)];
    }

    private static Money Sum(IEnumerable<Money> values) => values.Aggregate(Money.Zero, (a, b) => a + b);

    private static IEnumerable<AssetClass> Classes(AccountBook book, IEnumerable<RecordedFill> fills)
        => fills.Select(f => book.Catalog[f.Instrument].AssetClass).Distinct();

    private static BacktestEngineFacts Digests(EngineRuntime engine, BacktestRun run)
    {
        var stages = new Dictionary<string, string>();
        var all = new StringBuilder();
        foreach (var (stage, _) in engine.Stages.Digests)
        {
            var digest = StateDigest.Format(StateDigest.Of(stage));
            stages[stage.DigestName] = digest;
            all.Append(stage.DigestName).Append('=').Append(digest).Append(';');
        }

        // One value for the whole engine: the first 16 hex digits of SHA-256 over "stage=digest;" in pipeline order.
        var combined = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())))[..16];
        return new BacktestEngineFacts(combined, stages, run.StageExceptions);
    }

    /// <summary>
    /// P&amp;L of the accounts of one base currency by strategy, asset class and instrument. What no instrument carries
    /// (FX revaluation of cash held in other currencies, conversion rounding) is one row, strategy "(account)",
    /// instrument "(cash)", in FOREX, so every view sums to the accounts' total P&amp;L exactly.
    /// </summary>
    private static BacktestAttribution Attribution(string currency, List<(AccountId Id, string Name, AccountPnl Pnl)> accounts)
    {
        var records = new List<PnlRecord>();
        foreach (var (_, _, pnl) in accounts)
        {
            var attributed = Money.Zero;
            foreach (var line in pnl.Strategies)
            {
                foreach (var instrument in line.Instruments)
                {
                    records.Add(new PnlRecord(line.Name ?? AccountRow, instrument.AssetClass, instrument.Symbol, instrument.Realised, instrument.Unrealised, instrument.Fees, Money.Zero, instrument.FxTranslation));
                    attributed += instrument.Total;
                }
            }

            var rest = pnl.Total - attributed;
            if (rest != Money.Zero)
            {
                records.Add(new PnlRecord(AccountRow, AssetClass.Forex, "(cash)", Money.Zero, Money.Zero, Money.Zero, Money.Zero, rest));
            }
        }

        var attribution = PnlAttribution.From(records);
        return new BacktestAttribution(
            currency,
            [.. accounts.Select(a => a.Name)],
            Row(attribution.ByStrategy, children: false),
            [.. attribution.ByStrategy.Children.Select(n => Row(n, children: true))],
            [.. attribution.ByAssetClass.Children.Select(n => Row(n, children: true))],
            [.. attribution.ByInstrument.Children.Select(n => Row(n, children: false))]);
    }

    private static BacktestAttributionRow Row(PnlAttributionNode node, bool children)
    {
        var p = node.Pnl;
        return new BacktestAttributionRow(
            node.Key, p.Realised.ToDecimal(), p.Unrealised.ToDecimal(), p.FxTranslation.ToDecimal(), p.Fees.ToDecimal(), p.Slippage.ToDecimal(), p.Net.ToDecimal(),
            children && node.Children.Count > 0 ? [.. node.Children.Select(c => Row(c, children: true))] : null);
    }
}
