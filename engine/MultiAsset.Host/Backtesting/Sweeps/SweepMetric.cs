namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>The statistic a sweep ranks its runs by (of the portfolio book, else the first account).</summary>
public enum SweepMetric
{
    /// <summary>Total return (fraction); higher is better.</summary>
    TotalReturn,

    /// <summary>Compound annual growth rate; higher is better.</summary>
    Cagr,

    /// <summary>Annualised Sharpe ratio; higher is better.</summary>
    Sharpe,

    /// <summary>Annualised Sortino ratio; higher is better.</summary>
    Sortino,

    /// <summary>CAGR ÷ maximum drawdown; higher is better.</summary>
    Calmar,

    /// <summary>Maximum drawdown (fraction of the peak); lower is better.</summary>
    MaxDrawdown,

    /// <summary>Gross wins ÷ gross losses of the round trips; higher is better.</summary>
    ProfitFactor,

    /// <summary>Share of round trips that won; higher is better.</summary>
    HitRate,
}
