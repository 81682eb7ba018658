using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// What a strategy algorithm wants for one instrument after a bar. A plain value written into a caller-provided span
/// so algorithms never allocate; the signal stage turns it into an intent.
/// </summary>
/// <param name="Instrument">The instrument the signal is about.</param>
/// <param name="TargetPosition">
/// Signed target in units of the strategy's risk budget (−1..+1 for a full short/long, 0 = flat). For
/// <see cref="SignalReason.ArbitrageLeg"/> it is instead the signed quantity to trade now, in the pair's base currency;
/// for <see cref="SignalReason.EntryQuantity"/> the signed quantity to trade now, in units of the instrument.
/// </param>
/// <param name="Reason">Why the signal was emitted.</param>
public readonly record struct StrategySignal(InstrumentId Instrument, double TargetPosition, SignalReason Reason);
