namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of <see cref="CorrelationStrategy"/>, validated on construction.</summary>
public sealed record CorrelationParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="window">Bars of returns in the rolling correlation and gap volatility (at least 3).</param>
    /// <param name="correlationFloor">Return correlation required before a divergence is traded, in (−1, 1).</param>
    /// <param name="gapLookback">Bars over which the return gap between the two assets is summed (at least 1).</param>
    /// <param name="entryK">Gap, in standard deviations of the gap, at or beyond which a convergence trade opens (&gt; 0).</param>
    /// <param name="exitK">Gap, in standard deviations, at or inside which the trade closes (0 ≤ exitK &lt; entryK).</param>
    /// <param name="positionSize">Size of each leg in risk-budget units (&gt; 0).</param>
    public CorrelationParameters(int window, double correlationFloor, int gapLookback, double entryK, double exitK, double positionSize = 1.0)
    {
        Window = ParameterGuard.AtLeast(window, 3, nameof(window));
        if (!double.IsFinite(correlationFloor) || correlationFloor <= -1 || correlationFloor >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(correlationFloor), correlationFloor, "correlationFloor must be strictly between -1 and 1.");
        }

        CorrelationFloor = correlationFloor;
        GapLookback = ParameterGuard.AtLeast(gapLookback, 1, nameof(gapLookback));
        EntryK = ParameterGuard.Positive(entryK, nameof(entryK));
        ExitK = ParameterGuard.Below(ParameterGuard.NonNegative(exitK, nameof(exitK)), entryK, nameof(exitK), nameof(entryK));
        PositionSize = ParameterGuard.Positive(positionSize, nameof(positionSize));
    }

    /// <summary>Bars of returns in the rolling correlation and gap volatility.</summary>
    public int Window { get; }

    /// <summary>Return correlation required before a divergence is traded.</summary>
    public double CorrelationFloor { get; }

    /// <summary>Bars over which the return gap is summed.</summary>
    public int GapLookback { get; }

    /// <summary>Entry threshold in standard deviations of the gap.</summary>
    public double EntryK { get; }

    /// <summary>Exit threshold in standard deviations of the gap.</summary>
    public double ExitK { get; }

    /// <summary>Size of each leg.</summary>
    public double PositionSize { get; }
}
