using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Backtest.Metrics;

/// <summary>
/// One point of an equity curve: the account's (or portfolio's) total equity in its base currency at a moment.
/// </summary>
/// <remarks>
/// Samples are given in non-decreasing time order. Several samples may share a timestamp; the last one wins where a
/// period's closing value is taken. The same shape carries a benchmark series (its value or price level).
/// </remarks>
/// <param name="TimestampNs">Nanoseconds since the Unix epoch, UTC.</param>
/// <param name="Equity">Equity (fixed-point, base currency) at that moment.</param>
public readonly record struct EquitySample(long TimestampNs, Money Equity);
