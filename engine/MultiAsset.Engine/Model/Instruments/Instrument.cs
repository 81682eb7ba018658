namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// One entry of <c>config/instruments.json</c>: a tradable instrument or a reference series, with everything the
/// stages need to validate, size and schedule it. Immutable once built.
/// </summary>
/// <remarks>
/// Stages hold the <see cref="Id"/> (a dense array index), never the symbol: the catalogue turns symbols into ids at
/// the edges (feeds, API requests, strategy deployment).
/// </remarks>
public sealed class Instrument
{
    /// <summary>Dense id: the instrument's position in <c>config/instruments.json</c> (0..n-1).</summary>
    public required InstrumentId Id { get; init; }

    /// <summary>Symbol as written in config, feeds and strategies (e.g. "AAPL", "EURUSD", "USD_RATE").</summary>
    public required string Symbol { get; init; }

    /// <summary>Human-readable name (e.g. "Apple Inc."); the symbol when config gives none.</summary>
    public required string Name { get; init; }

    /// <summary>STOCK, FOREX or CRYPTO; reference series carry the class they inform (indices STOCK, rates FOREX).</summary>
    public required AssetClass AssetClass { get; init; }

    /// <summary>Tradable, or which kind of reference series.</summary>
    public required InstrumentKind Kind { get; init; }

    /// <summary>
    /// Currency (or crypto-asset) bought by a buy order, 3–5 upper-case letters: EUR in EURUSD, BTC in BTCUSD.
    /// For stocks and reference series it is the currency they are denominated in (the same as the quote).
    /// </summary>
    public required string BaseCurrency { get; init; }

    /// <summary>Currency prices are quoted in, 3–5 upper-case letters (USD in EURUSD and in AAPL).</summary>
    public required string QuoteCurrency { get; init; }

    /// <summary>Smallest price increment; every valid price is a multiple of it. Positive.</summary>
    public required Price TickSize { get; init; }

    /// <summary>Smallest quantity increment of an order; every order quantity is a multiple of it. Positive.</summary>
    public required Quantity LotSize { get; init; }

    /// <summary>Smallest order notional (price × quantity, in the quote currency) the venue accepts; zero when none.</summary>
    public required Money MinNotional { get; init; }

    /// <summary>Sector (GICS-like names such as "Information Technology"; "Currency" for FX, "Digital Assets" for crypto).</summary>
    public required string Sector { get; init; }

    /// <summary>Country code ("US", "JP", "EU" …) or "Global".</summary>
    public required string Country { get; init; }

    /// <summary>When the instrument trades (or, for reference series, when it updates).</summary>
    public required TradingCalendar Calendar { get; init; }

    /// <summary>For <see cref="InstrumentKind.InterestRate"/> series, the currency whose policy rate this is (USD_RATE → USD); otherwise null.</summary>
    public string? Currency { get; init; }

    /// <summary>Whether orders can be placed on it (reference series cannot be traded).</summary>
    public bool IsTradable => Kind == InstrumentKind.Tradable;

    /// <inheritdoc/>
    public override string ToString() => $"{Symbol} (#{Id.Value}, {AssetClassNames.ToSeedName(AssetClass)}, {Kind})";
}
