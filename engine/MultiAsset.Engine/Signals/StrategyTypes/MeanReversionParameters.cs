namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of <see cref="MeanReversionStrategy"/>, validated on construction.</summary>
public sealed record MeanReversionParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="window">Bars in the rolling mean/std (at least 2).</param>
    /// <param name="entryZ">|z| at or beyond which a position is opened (&gt; 0).</param>
    /// <param name="exitZ">|z| at or inside which the position is closed (0 ≤ exitZ &lt; entryZ: the gap is the hysteresis).</param>
    /// <param name="positionSize">Size of a full position in risk-budget units (&gt; 0).</param>
    public MeanReversionParameters(int window, double entryZ, double exitZ, double positionSize = 1.0)
    {
        Window = ParameterGuard.AtLeast(window, 2, nameof(window));
        EntryZ = ParameterGuard.Positive(entryZ, nameof(entryZ));
        ExitZ = ParameterGuard.Below(ParameterGuard.NonNegative(exitZ, nameof(exitZ)), entryZ, nameof(exitZ), nameof(entryZ));
        PositionSize = ParameterGuard.Positive(positionSize, nameof(positionSize));
    }

    /// <summary>Bars in the rolling mean/std.</summary>
    public int Window { get; }

    /// <summary>|z| at or beyond which a position is opened.</summary>
    public double EntryZ { get; }

    /// <summary>|z| at or inside which the position is closed.</summary>
    public double ExitZ { get; }

    /// <summary>Size of a full position in risk-budget units.</summary>
    public double PositionSize { get; }
}
