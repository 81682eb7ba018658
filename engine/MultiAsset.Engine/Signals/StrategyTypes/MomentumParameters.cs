namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of <see cref="MomentumStrategy"/>, validated on construction.</summary>
public sealed record MomentumParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="lookback">Bars over which the trend return is measured (at least 1).</param>
    /// <param name="targetVolatility">Target volatility per bar, as a log-return standard deviation (&gt; 0).</param>
    /// <param name="ewmaLambda">Decay of the EWMA variance, strictly between 0 and 1 (RiskMetrics uses 0.94).</param>
    /// <param name="maxPosition">Cap on |position| in risk-budget units (&gt; 0), reached when realised volatility is low.</param>
    /// <param name="rebalanceThreshold">Smallest change of size worth a rebalance signal (≥ 0); direction changes always signal.</param>
    public MomentumParameters(int lookback, double targetVolatility, double ewmaLambda = 0.94, double maxPosition = 1.0, double rebalanceThreshold = 0.0)
    {
        Lookback = ParameterGuard.AtLeast(lookback, 1, nameof(lookback));
        TargetVolatility = ParameterGuard.Positive(targetVolatility, nameof(targetVolatility));
        EwmaLambda = ParameterGuard.Below(ParameterGuard.Positive(ewmaLambda, nameof(ewmaLambda)), 1.0, nameof(ewmaLambda), "1");
        MaxPosition = ParameterGuard.Positive(maxPosition, nameof(maxPosition));
        RebalanceThreshold = ParameterGuard.NonNegative(rebalanceThreshold, nameof(rebalanceThreshold));
    }

    /// <summary>Bars over which the trend return is measured.</summary>
    public int Lookback { get; }

    /// <summary>Target volatility per bar (log-return standard deviation).</summary>
    public double TargetVolatility { get; }

    /// <summary>Decay of the EWMA variance.</summary>
    public double EwmaLambda { get; }

    /// <summary>Cap on |position|.</summary>
    public double MaxPosition { get; }

    /// <summary>Smallest change of size worth a rebalance signal.</summary>
    public double RebalanceThreshold { get; }
}
