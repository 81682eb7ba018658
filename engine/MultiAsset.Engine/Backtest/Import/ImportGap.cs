namespace MultiAsset.Engine.Backtest.Import;

/// <summary>
/// A stretch with no data for a symbol while its market was open: from the end of one event's interval to the start of
/// the next, <see cref="OpenNanoseconds"/> of which the instrument's calendar says the market was open.
/// </summary>
public sealed record ImportGap(string Symbol, long From, long To, long OpenNanoseconds);
