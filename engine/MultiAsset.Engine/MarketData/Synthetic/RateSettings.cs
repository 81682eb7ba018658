namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// Policy-rate reference series (<c>rates</c>): constant per currency, with rare steps of <see cref="StepSize"/>
/// (a Poisson number per year; cuts only while stressed, either way while calm).
/// </summary>
public sealed class RateSettings
{
    /// <summary>Rate per currency as a decimal fraction (0.045 = 4.5 %); built-in defaults for the majors, config on top.</summary>
    public required IReadOnlyDictionary<string, double> Levels { get; init; }

    /// <summary>Expected rate steps per currency per year of model time; 0 keeps rates constant.</summary>
    public double StepsPerYear { get; init; } = 1;

    /// <summary>Size of one step (0.0025 = 25 bp).</summary>
    public double StepSize { get; init; } = 0.0025;

    /// <summary>A rate is published every this many rounds (and in the first round), since it rarely changes.</summary>
    public int EveryRounds { get; init; } = 100;
}
