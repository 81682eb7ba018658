namespace MultiAsset.Engine.Model.Instruments;

/// <summary>
/// What an instrument is: something the engine can trade, or a reference series that strategies read but never
/// order (indices, volatility indices, policy interest rates, sentiment gauges).
/// </summary>
/// <remarks>
/// Values are explicit because they may be written into journal records and digests; spelled in camel case in
/// <c>config/instruments.json</c> ("tradable", "index", "volatility", "interestRate", "sentiment").
/// </remarks>
public enum InstrumentKind
{
    /// <summary>Can be ordered: stocks, ETFs, FX pairs, crypto pairs.</summary>
    Tradable = 0,

    /// <summary>An equity index level (e.g. the Nasdaq Composite, the S&amp;P 500); not tradable.</summary>
    Index = 1,

    /// <summary>A volatility index (e.g. VIX); not tradable.</summary>
    Volatility = 2,

    /// <summary>A policy interest rate of one currency (see <see cref="Instrument.Currency"/>); not tradable.</summary>
    InterestRate = 3,

    /// <summary>A sentiment gauge (e.g. fear/greed, put/call ratio); not tradable.</summary>
    Sentiment = 4,
}
