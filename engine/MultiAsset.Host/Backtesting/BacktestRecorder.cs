using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Records what a backtest reports, on the engine thread: every fill (as the accounts stage applies it) and, every
/// <c>equityInterval</c> of event time, each account's equity, gross exposure, P&amp;L per strategy, positions and the
/// benchmark's price. It only reads the stages' state, after an input event and everything it caused went through
/// every stage, so it changes nothing the digests see.
/// </summary>
internal sealed class BacktestRecorder(EngineStages stages, long intervalNs, InstrumentId benchmark) : IFillObserver
{
    private readonly List<RecordedFill> fills = [];
    private readonly List<EquityRow> equity = [];
    private readonly List<StrategyRow> strategies = [];
    private readonly List<PositionRow> positions = [];
    private readonly List<(long Time, Price Price)> benchmarkPrices = [];
    private long nextSample = long.MinValue;
    private long lastSampled = long.MinValue;

    /// <summary>Fills in the order they were booked.</summary>
    public IReadOnlyList<RecordedFill> Fills => fills;

    /// <summary>Equity samples: one row per account per sample time.</summary>
    public IReadOnlyList<EquityRow> Equity => equity;

    /// <summary>Strategy P&amp;L samples: one row per strategy row of an account per sample time.</summary>
    public IReadOnlyList<StrategyRow> Strategies => strategies;

    /// <summary>Open positions at each sample time.</summary>
    public IReadOnlyList<PositionRow> Positions => positions;

    /// <summary>The benchmark's price at each sample time it had one.</summary>
    public IReadOnlyList<(long Time, Price Price)> BenchmarkPrices => benchmarkPrices;

    /// <inheritdoc />
    public void OnFill(in InputEvent report, AccountBook book)
    {
        ref readonly var execution = ref report.Execution;
        var notional = Price.Notional(execution.Price, execution.Quantity);
        fills.Add(new RecordedFill(
            report.Timestamp,
            execution.Account,
            execution.Strategy,
            report.Instrument,
            execution.Side,
            execution.Quantity,
            execution.Price,
            execution.Fee,
            book.QuoteToBase(execution.Account, report.Instrument, notional),
            book.QuoteToBase(execution.Account, report.Instrument, execution.Fee),
            execution.OrderId,
            execution.Venue,
            execution.Liquidity));
    }

    /// <summary>The chain's after-event hook: samples when event time reached the next sample point.</summary>
    public void AfterEvent(long sequence)
    {
        var time = stages.Accounts.LastEventTime;
        if (time >= nextSample && time != long.MinValue)
        {
            nextSample = (time - (time % intervalNs)) + intervalNs;
            Sample(time);
        }
    }

    /// <summary>Samples the final state (the run has stopped: the book is read in place), unless the last event was just sampled.</summary>
    public void Finish()
    {
        var time = stages.Accounts.LastEventTime;
        if (time != long.MinValue && time != lastSampled)
        {
            Sample(time);
        }
    }

    private void Sample(long time)
    {
        lastSampled = time;
        var book = stages.Accounts.Book;
        for (var a = 0; a < book.AccountCount; a++)
        {
            var id = new AccountId(a);
            var byClass = new Money[3];
            foreach (var assetClass in Enum.GetValues<AssetClass>())
            {
                var exposure = book.ExposureByAssetClass(id, assetClass);
                byClass[(int)assetClass] = exposure.Net;
            }

            equity.Add(new EquityRow(time, id, book.Equity(id), book.GrossExposure(id), book.NetExposure(id), byClass[(int)AssetClass.Stock], byClass[(int)AssetClass.Forex], byClass[(int)AssetClass.Crypto]));
            foreach (var line in book.Pnl(id).Strategies)
            {
                strategies.Add(new StrategyRow(time, id, line.Strategy, line.Total, line.Realised, line.Unrealised, line.Fees));
            }

            for (var i = 0; i < book.Catalog.Count; i++)
            {
                var instrument = new InstrumentId(i);
                var position = book.Position(id, instrument);
                if (position.Raw != 0)
                {
                    positions.Add(new PositionRow(time, id, instrument, position, book.QuoteToBase(id, instrument, book.MarketValue(id, instrument))));
                }
            }
        }

        if (benchmark.IsValid && book.TryGetMark(benchmark, out var mark))
        {
            benchmarkPrices.Add((time, mark));
        }
    }
}

/// <summary>One account's equity sample (base currency); exposures are net market values by asset class.</summary>
internal readonly record struct EquityRow(long Time, AccountId Account, Money Equity, Money Gross, Money Net, Money Stock, Money Forex, Money Crypto);

/// <summary>One strategy row's cumulative P&amp;L sample (base currency; Strategy None = the account's own orders).</summary>
internal readonly record struct StrategyRow(long Time, AccountId Account, StrategyId Strategy, Money Total, Money Realised, Money Unrealised, Money Fees);

/// <summary>One open position at a sample: signed quantity and market value in the account's base currency.</summary>
internal readonly record struct PositionRow(long Time, AccountId Account, InstrumentId Instrument, Quantity Quantity, Money ValueBase);
