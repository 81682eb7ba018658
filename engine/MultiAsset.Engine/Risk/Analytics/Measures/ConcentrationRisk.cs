namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Concentration of gross exposure by one key (instrument, asset class or currency). Shares are
/// s_g = Σ_{i∈g}|exposure_i| / Σ_i|exposure_i|; HHI = Σ s_g² ∈ [1/G, 1]; the effective number is 1/HHI. An empty
/// book (gross exposure 0) has HHI 0, effective number 0 and no shares.
/// </summary>
public sealed record ConcentrationBreakdown
{
    /// <summary>Herfindahl–Hirschman index of the gross-exposure shares (fraction, not ×10 000).</summary>
    public double Hhi { get; init; }

    /// <summary>1 / HHI.</summary>
    public double EffectiveNumber { get; init; }

    /// <summary>The N largest shares, largest first (ties by name, ordinal).</summary>
    public required IReadOnlyList<ExposureShare> Top { get; init; }

    /// <summary>Σ of the listed shares.</summary>
    public double TopShare { get; init; }
}

/// <summary>One gross-exposure share.</summary>
/// <param name="Name">Symbol, asset class or currency.</param>
/// <param name="Share">Gross-exposure share in [0, 1].</param>
public sealed record ExposureShare(string Name, double Share);

/// <summary>Concentration risk by instrument, asset class and currency.</summary>
public sealed record ConcentrationRisk
{
    /// <summary>Σ |exposure|.</summary>
    public double GrossExposure { get; init; }

    /// <summary>N of the top-N lists.</summary>
    public int TopN { get; init; }

    /// <summary>By instrument.</summary>
    public required ConcentrationBreakdown ByInstrument { get; init; }

    /// <summary>By asset class.</summary>
    public required ConcentrationBreakdown ByAssetClass { get; init; }

    /// <summary>By currency.</summary>
    public required ConcentrationBreakdown ByCurrency { get; init; }
}
