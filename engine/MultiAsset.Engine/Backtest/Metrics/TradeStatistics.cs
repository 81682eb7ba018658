using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// Statistics of the closed round trips, all on P&amp;L net of costs (<see cref="ClosedTrade.NetPnl"/>).
/// </summary>
/// <remarks>
/// A trade wins when its net P&amp;L is &gt; 0 and loses when it is &lt; 0; a trade at exactly 0 is neither but
/// counts in <see cref="TradeCount"/>. Ratios that would divide by zero are null (never ±∞ or NaN), so the record
/// serialises to JSON as is: no trades ⇒ hit rate null; no losing trade ⇒ profit factor and payoff ratio null.
/// Money averages are rounded half away from zero to the fixed-point unit.
/// </remarks>
public sealed record TradeStatistics
{
    /// <summary>Number of closed round trips.</summary>
    public required int TradeCount { get; init; }

    /// <summary>Trades with net P&amp;L &gt; 0.</summary>
    public required int Wins { get; init; }

    /// <summary>Trades with net P&amp;L &lt; 0.</summary>
    public required int Losses { get; init; }

    /// <summary>Wins ÷ trade count; null without trades.</summary>
    public required double? HitRate { get; init; }

    /// <summary>Σ net P&amp;L of the wins ÷ |Σ net P&amp;L of the losses|; null without a losing trade (0 when there are losses and no wins).</summary>
    public required double? ProfitFactor { get; init; }

    /// <summary>Mean net P&amp;L of the wins (&gt; 0); null without a win.</summary>
    public required Money? AverageWin { get; init; }

    /// <summary>Mean net P&amp;L of the losses (&lt; 0, signed); null without a loss.</summary>
    public required Money? AverageLoss { get; init; }

    /// <summary>Average win ÷ |average loss|; null unless there are both.</summary>
    public required double? PayoffRatio { get; init; }

    /// <summary>Σ gross P&amp;L (before costs).</summary>
    public required Money GrossPnl { get; init; }

    /// <summary>Σ costs (fees + slippage).</summary>
    public required Money TotalCosts { get; init; }

    /// <summary>Σ net P&amp;L = gross − costs.</summary>
    public required Money NetPnl { get; init; }

    /// <summary>Mean holding time (exit − entry) in ns; null without trades.</summary>
    public required long? AverageHoldingTimeNs { get; init; }

    /// <summary>Σ entry value + exit value of every trade (base currency; used for turnover when no fill total is given).</summary>
    public required Money TradedValue { get; init; }

    /// <summary>Computes the statistics of <paramref name="trades"/>.</summary>
    /// <exception cref="ArgumentException">A trade exits before it enters.</exception>
    public static TradeStatistics From(IReadOnlyList<ClosedTrade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        int wins = 0, losses = 0;
        long winSum = 0, lossSum = 0, gross = 0, costs = 0, traded = 0;
        Int128 holding = 0;
        for (var i = 0; i < trades.Count; i++)
        {
            var trade = trades[i];
            if (trade.ExitTimeNs < trade.EntryTimeNs)
            {
                throw new ArgumentException($"Trade {i} exits ({trade.ExitTimeNs}) before it enters ({trade.EntryTimeNs}).", nameof(trades));
            }

            var net = trade.NetPnl.Raw;
            if (net > 0)
            {
                wins++;
                winSum = checked(winSum + net);
            }
            else if (net < 0)
            {
                losses++;
                lossSum = checked(lossSum + net);
            }

            gross = checked(gross + trade.Pnl.Raw);
            costs = checked(costs + trade.Costs.Raw);
            traded = checked(traded + trade.EntryValue.Raw + trade.ExitValue.Raw);
            holding += trade.ExitTimeNs - trade.EntryTimeNs;
        }

        var count = trades.Count;
        Money? averageWin = wins == 0 ? null : Money.FromRaw(FixedPoint.DivideRounded(winSum, wins));
        Money? averageLoss = losses == 0 ? null : Money.FromRaw(FixedPoint.DivideRounded(lossSum, losses));
        return new TradeStatistics
        {
            TradeCount = count,
            Wins = wins,
            Losses = losses,
            HitRate = count == 0 ? null : wins / (double)count,
            ProfitFactor = losses == 0 ? null : winSum / (double)-lossSum,
            AverageWin = averageWin,
            AverageLoss = averageLoss,
            PayoffRatio = averageWin is { } w && averageLoss is { } l ? w.Raw / (double)-l.Raw : null,
            GrossPnl = Money.FromRaw(gross),
            TotalCosts = Money.FromRaw(costs),
            NetPnl = Money.FromRaw(checked(gross - costs)),
            AverageHoldingTimeNs = count == 0 ? null : (long)(holding / count),
            TradedValue = Money.FromRaw(traded),
        };
    }
}
