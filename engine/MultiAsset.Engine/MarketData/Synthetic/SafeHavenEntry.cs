namespace MultiAsset.Engine.MarketData.Synthetic;

/// <summary>
/// One entry of <c>regimes.safeHavens</c>: a symbol whose price rises in a flight to quality ("TLT", "GLD"), or a
/// currency code ("JPY", "CHF") that makes every FX pair quoted in it fall and every pair based on it rise.
/// </summary>
/// <param name="Key">The symbol or currency code.</param>
/// <param name="Path">JSON path it came from; null for a built-in default (skipped when not in the catalogue).</param>
public sealed record SafeHavenEntry(string Key, string? Path);
