namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// How an index reference series (e.g. NASDAQ, SPX) is computed (<c>indices.SYMBOL</c>): an equal-weight price index
/// of its constituents' mids, <c>level = base · (1/n) Σ mid_i / mid_i(0)</c>.
/// </summary>
public sealed class IndexSettings
{
    /// <summary>The index symbol.</summary>
    public required string Symbol { get; init; }

    /// <summary>JSON path, or null for the built-in default.</summary>
    public string? Path { get; init; }

    /// <summary>Explicit constituent symbols; when null, every tradable stock matching <see cref="Sectors"/> and <see cref="Country"/>.</summary>
    public IReadOnlyList<string>? Constituents { get; init; }

    /// <summary>Sectors to include when <see cref="Constituents"/> is null; null means every sector.</summary>
    public IReadOnlyList<string>? Sectors { get; init; }

    /// <summary>Country to include when <see cref="Constituents"/> is null; null means the index's own country.</summary>
    public string? Country { get; init; }

    /// <summary>The index level at the start.</summary>
    public double BaseLevel { get; init; } = 1000;
}
