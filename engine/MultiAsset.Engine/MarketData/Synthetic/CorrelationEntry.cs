namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// One configured correlation between two keys: asset classes (<c>"STOCK/CRYPTO"</c>), sectors
/// (<c>"Information Technology/Digital Assets"</c>, <c>*</c> for any sector) or symbols (<c>"SPY/QQQ"</c>).
/// </summary>
/// <param name="First">The first key.</param>
/// <param name="Second">The second key.</param>
/// <param name="Value">The correlation, in (−1, 1).</param>
/// <param name="Path">JSON path it came from; null for a built-in default (which is skipped, not refused, when its symbols are not in the catalogue).</param>
public sealed record CorrelationEntry(string First, string Second, double Value, string? Path)
{
    /// <summary>Whether this entry is about the unordered pair {<paramref name="a"/>, <paramref name="b"/>}.</summary>
    public bool Matches(string a, string b)
        => (string.Equals(First, a, StringComparison.Ordinal) && string.Equals(Second, b, StringComparison.Ordinal))
        || (string.Equals(First, b, StringComparison.Ordinal) && string.Equals(Second, a, StringComparison.Ordinal));
}
