namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Merton jumps, applied to crypto instruments only (<c>jumps</c>): in each round a crypto instrument jumps with
/// probability 1 − exp(−λ·dt), the log jump drawn from N(<see cref="MeanLog"/>, <see cref="StdevLog"/>²).
/// </summary>
public sealed class JumpSettings
{
    /// <summary>Expected jumps per instrument per year (λ); 0 disables jumps.</summary>
    public double IntensityPerYear { get; init; } = 12;

    /// <summary>Mean of the log jump.</summary>
    public double MeanLog { get; init; } = -0.01;

    /// <summary>Standard deviation of the log jump.</summary>
    public double StdevLog { get; init; } = 0.04;

    /// <summary>Factor on the intensity in the stressed regime.</summary>
    public double StressedIntensityMultiplier { get; init; } = 3;
}
