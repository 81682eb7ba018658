namespace MultiAsset.Benchmarks;

/// <summary>Distinct, valid currency codes for generated benchmark instruments.</summary>
internal static class SyntheticCurrencyCode
{
    /// <summary>A distinct 4-letter currency code per index (ZAAA, ZAAB, ...).</summary>
    public static string Of(int i) => string.Create(4, i, static (span, n) =>
    {
        span[0] = 'Z';
        span[1] = (char)('A' + (n / 676 % 26));
        span[2] = (char)('A' + (n / 26 % 26));
        span[3] = (char)('A' + (n % 26));
    });
}
