namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>Classification of an asset used by sector, country and asset-class constraints.</summary>
/// <param name="AssetClass">STOCK, FOREX or CRYPTO (the seed's spelling); null when unknown.</param>
/// <param name="Sector">Sector name; null when unknown.</param>
/// <param name="Country">Country code; null when unknown.</param>
public sealed record AssetInfo(string? AssetClass, string? Sector, string? Country);

/// <summary>
/// Looks up asset classification for symbols the request does not describe (the instrument catalogue,
/// <c>config/instruments.json</c>, implements this once it exists).
/// </summary>
public interface IAssetInfoLookup
{
    /// <summary>Returns true and the info when <paramref name="symbol"/> is known.</summary>
    bool TryGet(string symbol, out AssetInfo? info);
}

/// <summary>Per-asset-class weight band (fractions of the budget).</summary>
/// <param name="Min">Minimum total weight of the class (null = no minimum).</param>
/// <param name="Max">Maximum total weight of the class (null = no maximum).</param>
public sealed record WeightBand(double? Min, double? Max);

/// <summary>
/// Portfolio constraints (the seed's <c>PortfolioOptimizer.constraints</c> plus the additions).
/// Weights are fractions of the budget (Σw = 1).
/// </summary>
public sealed record PortfolioConstraints
{
    /// <summary>Long-only (w ≥ 0). Default true. When false, <see cref="MaxShortWeight"/> bounds each short.</summary>
    public bool LongOnly { get; init; } = true;

    /// <summary>Budget Σw = 1 (default true). False drops the row (Black–Litterman and MaxUtility only: a scale-free
    /// objective has no optimum without it).</summary>
    public bool Budget { get; init; } = true;

    /// <summary>Upper bound on every asset weight.</summary>
    public double? MaxAssetWeight { get; init; }

    /// <summary>When not long-only: w ≥ −MaxShortWeight for every asset (null = unbounded shorts).</summary>
    public double? MaxShortWeight { get; init; }

    /// <summary>Upper bound on the total (net) weight of each sector.</summary>
    public double? MaxSectorWeight { get; init; }

    /// <summary>Upper bound on the total (net) weight of each country.</summary>
    public double? MaxCountryWeight { get; init; }

    /// <summary>Minimum effective number of assets 1/Σw² (a convex quadratic constraint Σw² ≤ 1/N).</summary>
    public double? MinDiversification { get; init; }

    /// <summary>Bands on the total weight per asset class (key: STOCK, FOREX, CRYPTO).</summary>
    public IReadOnlyDictionary<string, WeightBand>? AssetClassBounds { get; init; }

    /// <summary>Σ|w − currentWeights| ≤ MaxTurnover (needs <see cref="CurrentWeights"/>).</summary>
    public double? MaxTurnover { get; init; }

    /// <summary>Current weights (same order as the assets) for the turnover limit.</summary>
    public IReadOnlyList<double>? CurrentWeights { get; init; }

    /// <summary>No constraints beyond budget and long-only.</summary>
    public static PortfolioConstraints Default { get; } = new();
}
