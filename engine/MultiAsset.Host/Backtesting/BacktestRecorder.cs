using MultiAsset.Engine.Backtest.Trades;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Portfolio.Accounts;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Records what a backtest reports, on the engine thread: every fill (as the accounts stage applies it) and, every
/// <c>equityInterval</c> of event time, each account's equity, gross exposure, P&amp;L per strategy, positions and the
/// benchmark's price. It only reads the stages' state, after an input event and everything it caused went through
/// every stage, so it changes nothing the digests see.
/// </summary>
internal sealed class BacktestRecorder(EngineStages stages, long intervalNs, InstrumentId benchmark) : IChainObserver
{
    private readonly List<RecordedFill> fills = [];
    private readonly List<EquityRow> equity = [];
    private readonly List<StrategyRow> strategies = [];
    private readonly List<PositionRow> positions = [];
    private readonly List<(long Time, Price Price)> benchmarkPrices = [];
    private readonly List<InstrumentId> traded = [];
    private readonly bool[] isTraded = new bool[stages.Accounts.Book.Catalog.Count];
    private readonly List<InstrumentId> seen = [];
    private readonly bool[] isSeen = new bool[stages.Accounts.Book.Catalog.Count];
    private readonly List<MarkRow> marks = [];
    private readonly BacktestVaRForecaster varForecaster = new(stages, BacktestVaRForecasterConfidence);
    private long lastTime = long.MinValue;
    private bool changed;

    /// <summary>Confidence of the daily VaR forecasts the run tests (Basel's 99 %).</summary>
    public const double BacktestVaRForecasterConfidence = 0.99;

    /// <summary>The one-day VaR forecasts taken at each UTC day boundary.</summary>
    public BacktestVaRForecaster VaRForecasts => varForecaster;

    /// <summary>Fills in the order they were booked.</summary>
    public IReadOnlyList<RecordedFill> Fills => fills;

    /// <summary>Equity samples: one row per account per sample time.</summary>
    public IReadOnlyList<EquityRow> Equity => equity;

    /// <summary>Strategy P&amp;L samples: one row per strategy row of an account per sample time.</summary>
    public IReadOnlyList<StrategyRow> Strategies => strategies;

    /// <summary>Open positions at each sample time.</summary>
    public IReadOnlyList<PositionRow> Positions => positions;

    /// <summary>The price of every instrument the data had, at each sample (for the class benchmarks of the Brinson attribution).</summary>
    public IReadOnlyList<MarkRow> Marks => marks;

    /// <summary>The benchmark's price at each sample time it had one.</summary>
    public IReadOnlyList<(long Time, Price Price)> BenchmarkPrices => benchmarkPrices;

    /// <inheritdoc />
    /// <remarks>Records each fill, after the accounts stage booked it (its base-currency values at that moment's rates).</remarks>
    public void AfterFeedback(in InputEvent report)
    {
        if (!report.IsExecution || report.Execution.Type != ExecutionType.Fill)
        {
            return;
        }

        var book = stages.Accounts.Book;
        ref readonly var execution = ref report.Execution;
        if ((uint)report.Instrument.Value < (uint)isTraded.Length && !isTraded[report.Instrument.Value])
        {
            isTraded[report.Instrument.Value] = true;
            traded.Add(report.Instrument);
        }

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

    /// <inheritdoc />
    /// <remarks>
    /// Samples the state of the interval that is ending — every event of its last instant applied, none of the next —
    /// stamped at that last instant; before the very first event, the starting state, stamped at that event's time.
    /// </remarks>
    public void BeforeEvent(in InputEvent evt)
    {
        if (!evt.IsMarketData && !evt.IsExecution)
        {
            return;
        }

        if (evt.IsMarketData && (uint)evt.Instrument.Value < (uint)isSeen.Length && !isSeen[evt.Instrument.Value])
        {
            isSeen[evt.Instrument.Value] = true;
            seen.Add(evt.Instrument);
        }

        varForecaster.Observe(evt.Timestamp);
        if (lastTime == long.MinValue && !changed)
        {
            Sample(evt.Timestamp);
        }
        else if (changed && evt.Timestamp > lastTime && Bucket(evt.Timestamp) != Bucket(lastTime))
        {
            Sample(lastTime);
        }
    }

    /// <inheritdoc />
    public void AfterEvent(long sequence)
    {
        var time = stages.Accounts.LastEventTime;
        if (time != long.MinValue)
        {
            lastTime = Math.Max(lastTime, time);
            changed = true;
        }
    }

    /// <summary>Samples the final state (the run has stopped: the book is read in place) unless nothing happened since the last sample.</summary>
    public void Finish()
    {
        if (changed)
        {
            Sample(lastTime);
        }
    }

    /// <summary>The sampling interval <paramref name="time"/> falls in (floor division, also before 1970).</summary>
    private long Bucket(long time) => Math.DivRem(time, intervalNs, out var rest) - (rest < 0 ? 1 : 0);

    private void Sample(long time)
    {
        changed = false;
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

            var pnl = book.Pnl(id);
            var classPnl = new Money[3];
            foreach (var line in pnl.ByAssetClass)
            {
                classPnl[(int)line.AssetClass] = line.Total;
            }

            equity.Add(new EquityRow(
                time, id, book.Equity(id), book.GrossExposure(id), book.NetExposure(id), byClass[(int)AssetClass.Stock], byClass[(int)AssetClass.Forex], byClass[(int)AssetClass.Crypto],
                classPnl[(int)AssetClass.Stock], classPnl[(int)AssetClass.Forex], classPnl[(int)AssetClass.Crypto]));
            foreach (var line in pnl.Strategies)
            {
                strategies.Add(new StrategyRow(time, id, line.Strategy, line.Total, line.Realised, line.Unrealised, line.Fees));
            }

            // Only what was ever filled can be held (a catalogue has a hundred instruments; a backtest trades a few).
            foreach (var instrument in traded)
            {
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

        foreach (var instrument in seen)
        {
            if (book.TryGetMark(instrument, out var price))
            {
                marks.Add(new MarkRow(time, instrument, price));
            }
        }
    }
}

/// <summary>
/// One account's equity sample (base currency): exposures are net market values by asset class, the class P&amp;L is
/// cumulative (the book's by-class total: realised + unrealised + FX translation − fees).
/// </summary>
internal readonly record struct EquityRow(long Time, AccountId Account, Money Equity, Money Gross, Money Net, Money Stock, Money Forex, Money Crypto, Money StockPnl, Money ForexPnl, Money CryptoPnl);

/// <summary>An instrument's last price (quote currency) at a sample.</summary>
internal readonly record struct MarkRow(long Time, InstrumentId Instrument, Price Price);

/// <summary>One strategy row's cumulative P&amp;L sample (base currency; Strategy None = the account's own orders).</summary>
internal readonly record struct StrategyRow(long Time, AccountId Account, StrategyId Strategy, Money Total, Money Realised, Money Unrealised, Money Fees);

/// <summary>One open position at a sample: signed quantity and market value in the account's base currency.</summary>
internal readonly record struct PositionRow(long Time, AccountId Account, InstrumentId Instrument, Quantity Quantity, Money ValueBase);
