using System.Text.Json.Serialization;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk.Analytics.Stress;

/// <summary>
/// The shocks of one scenario. Every value is a relative change: −0.35 is −35 %, 0.10 is +10 %.
/// </summary>
/// <remarks>
/// <para><b>Price shock of an instrument</b> (its price in its own quote currency), most specific first — the first
/// that applies is used alone: (1) <see cref="Instruments"/>[symbol]; (2) <see cref="AssetClasses"/>[class];
/// (3) the factor sum Σ_f β(i, f)·<see cref="Factors"/>[f] (betas from <see cref="StressFactor"/>), floored at −1;
/// (4) zero.</para>
/// <para><b>Currency shocks</b> (<see cref="Currencies"/>, code → c) move the value of one unit of the currency against
/// USD: c = +0.15 for CHF means a franc buys 15 % more dollars. USD is the numeraire and cannot be shocked. The rate
/// between any two currencies moves by R'(A→B) = R(A→B)·(1 + c_A)/(1 + c_B). They compose multiplicatively with the
/// price shock: a currency pair (base ≠ quote, FOREX and crypto pairs) moves by
/// P' = P·(1 + s)·(1 + c_base)/(1 + c_quote), any other instrument by P' = P·(1 + s), and every value is converted to the
/// account's base currency at the shocked rate. Express a move once: as a currency shock or as a pair price shock.</para>
/// <para>Bounds: price and factor shocks ≥ −1 (a price can fall to zero, not below); currency shocks &gt; −1.</para>
/// </remarks>
public sealed record StressShocks
{
    /// <summary>No shocks.</summary>
    public static StressShocks None { get; } = new();

    /// <summary>Price shocks by instrument symbol (highest precedence).</summary>
    public IReadOnlyDictionary<string, decimal> Instruments { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Price shocks by asset class (used when the instrument has no own shock).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<AssetClass, decimal> AssetClasses { get; init; } = new Dictionary<AssetClass, decimal>();

    /// <summary>The class shocks keyed by the seed's spelling (STOCK, FOREX, CRYPTO), as written in the file.</summary>
    [JsonPropertyName("assetClasses")]
    public IReadOnlyDictionary<string, decimal> AssetClassesBySeedName
        => AssetClasses.OrderBy(p => (int)p.Key).ToDictionary(p => AssetClassNames.ToSeedName(p.Key), p => p.Value, StringComparer.Ordinal);

    /// <summary>Currency moves against USD, by currency code (composed with the price shock).</summary>
    public IReadOnlyDictionary<string, decimal> Currencies { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Factor moves by factor name (used when neither an instrument nor a class shock applies).</summary>
    public IReadOnlyDictionary<string, decimal> Factors { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Whether no shock at all is given.</summary>
    [JsonIgnore]
    public bool IsEmpty => Instruments.Count == 0 && AssetClasses.Count == 0 && Currencies.Count == 0 && Factors.Count == 0;

    /// <summary>The move of one unit of <paramref name="currency"/> against USD (0 when not shocked, and always for USD).</summary>
    public decimal CurrencyShock(string currency) => Currencies.TryGetValue(currency, out var c) ? c : 0m;
}
