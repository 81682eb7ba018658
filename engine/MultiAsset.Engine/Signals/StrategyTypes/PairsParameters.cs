namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>Parameters of <see cref="PairsStrategy"/>, validated on construction (0 ≤ exit &lt; entry &lt; stop).</summary>
public sealed record PairsParameters
{
    /// <summary>Creates and validates the parameters.</summary>
    /// <param name="window">Bars in the rolling OLS and spread statistics (at least 3: a line through 2 points has no residual).</param>
    /// <param name="entryZ">|spread z| at or beyond which the pair is opened (&gt; 0).</param>
    /// <param name="exitZ">|spread z| at or inside which the pair is closed (0 ≤ exitZ &lt; entryZ).</param>
    /// <param name="stopZ">|spread z| at or beyond which an open pair is stopped out (&gt; entryZ).</param>
    /// <param name="positionSize">Size of the A leg in risk-budget units (&gt; 0); the B leg is β times it.</param>
    public PairsParameters(int window, double entryZ, double exitZ, double stopZ, double positionSize = 1.0)
    {
        Window = ParameterGuard.AtLeast(window, 3, nameof(window));
        EntryZ = ParameterGuard.Positive(entryZ, nameof(entryZ));
        ExitZ = ParameterGuard.Below(ParameterGuard.NonNegative(exitZ, nameof(exitZ)), entryZ, nameof(exitZ), nameof(entryZ));
        StopZ = ParameterGuard.Positive(stopZ, nameof(stopZ));
        if (stopZ <= entryZ)
        {
            throw new ArgumentOutOfRangeException(nameof(stopZ), stopZ, $"stopZ must be greater than entryZ ({entryZ}).");
        }

        PositionSize = ParameterGuard.Positive(positionSize, nameof(positionSize));
    }

    /// <summary>Bars in the rolling OLS and spread statistics.</summary>
    public int Window { get; }

    /// <summary>|spread z| at or beyond which the pair is opened.</summary>
    public double EntryZ { get; }

    /// <summary>|spread z| at or inside which the pair is closed.</summary>
    public double ExitZ { get; }

    /// <summary>|spread z| at or beyond which an open pair is stopped out.</summary>
    public double StopZ { get; }

    /// <summary>Size of the A leg in risk-budget units.</summary>
    public double PositionSize { get; }
}
