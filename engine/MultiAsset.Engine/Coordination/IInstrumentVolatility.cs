using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Volatility of an instrument for <see cref="CapitalAllocationMethod.InverseVolatility"/>. Called when shares are
/// recomputed (on registration and every <c>reallocationInterval</c> of engine time), on the coordination thread:
/// must not allocate and must be deterministic for replays.
/// </summary>
public interface IInstrumentVolatility
{
    /// <summary>Annualised (or any consistent unit of) volatility over <paramref name="lookbackNanoseconds"/>; NaN or ≤ 0 when unknown.</summary>
    double Volatility(InstrumentId instrument, long lookbackNanoseconds);
}
