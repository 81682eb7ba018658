using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Turns the <see cref="IntentKind.HedgeBeta"/> coefficients a HedgeRisk rule's firing sends into the strategy's
/// minimum-variance hedge overlay. Allocation-free; its state lives only from the first coefficient of an input event's
/// group to the HedgeRisk intent that ends it.
/// </summary>
/// <remarks>
/// <para><b>Rule.</b> With the strategy's ordered positions valued in the account's base currency at current prices,
/// e_i = ordered_i × unit value_i, each hedge j is set to the exposure x_j = −Σ_i e_i b_ij over the strategy's instruments
/// i that are not hedges (b from the signal stage: the coefficients of i's returns regressed on the hedges' returns,
/// Σ_HH⁻¹Σ_H,i, EWMA). That is the argmin over the hedge holdings of the variance (e + h)ᵀΣ(e + h) of the strategy's P&amp;L;
/// a hedge's own holding is replaced, not added to. x_j is capped at ± the strategy's capital, converted to units at
/// the hedge's current price and FX rate and rounded toward zero to whole lots, then ordered like any target (the
/// account's risk limits apply at the gate). Returns are taken in each instrument's quote currency (FX translation of a
/// foreign-currency exposure is not part of the covariance).</para>
/// <para><b>Lifetime.</b> The overlay stays until a later HedgeRisk firing re-sizes it or the strategy closes it; a
/// Rebalance action re-sizes class-weighted positions only, so it leaves the hedges as they are.</para>
/// </remarks>
internal sealed class HedgeOverlayBuilder
{
    private readonly int[] hedges = new int[RebalancingRule.MaxHedgeInstruments];
    private readonly double[] exposure = new double[RebalancingRule.MaxHedgeInstruments];
    private int count;
    private long group = -1;
    private int strategy = -1;

    /// <summary>One coefficient: registers its hedge, and adds −e_i·b to the hedge's exposure when i is not a hedge.</summary>
    public void Add(ref IntentEvent intent, StrategyBook book, IntentSizer sizer)
    {
        if (intent.SourceSequence != group || book.Id.Value != strategy)
        {
            count = 0;
            group = intent.SourceSequence;
            strategy = book.Id.Value;
        }

        var hedge = intent.HedgeInstrument.Value;
        var instrument = intent.Instrument.Value;
        if (!sizer.IsTradable(hedge) || (uint)instrument >= (uint)book.Ordered.Length || !double.IsFinite(intent.Weight) || intent.ReferencePrice.Raw <= 0)
        {
            sizer.CountInvalid();
            return;
        }

        sizer.RecordPrice(book.Account.Value, hedge, intent.ReferencePrice.Raw);
        var j = IndexOf(hedge);
        if (j < 0)
        {
            if (count == RebalancingRule.MaxHedgeInstruments)
            {
                sizer.CountInvalid();
                return;
            }

            j = count++;
            hedges[j] = hedge;
            exposure[j] = 0;
        }

        var ordered = book.Ordered[instrument];
        if (ordered == 0 || intent.Weight == 0 || IndexOf(instrument) >= 0)
        {
            return;
        }

        var unit = sizer.UnitValue(book, instrument);
        if (unit > 0)
        {
            exposure[j] -= Quantity.FromRaw(ordered).ToDouble() * unit * intent.Weight;
        }
    }

    /// <summary>
    /// Sets the overlay for the HedgeRisk <paramref name="intent"/> of <paramref name="book"/>; false (nothing done) when the
    /// coefficients of its group did not arrive (they could not be estimated), or not for every hedge it names.
    /// </summary>
    public bool TryPlace(ref IntentEvent intent, StrategyBook book, IntentSizer sizer)
    {
        if (intent.SourceSequence != group || book.Id.Value != strategy || count == 0 || count != (int)intent.Weight)
        {
            return false;
        }

        var cap = sizer.StrategyCapital(book);
        for (var j = 0; j < count; j++)
        {
            var hedge = hedges[j];
            var unit = sizer.UnitValue(book, hedge);
            if (!(unit > 0))
            {
                continue;
            }

            var notional = Math.Clamp(exposure[j], -cap, cap);
            var target = LotMath.RoundDown(notional / unit, sizer.Lot[hedge]);
            book.MarkSeen(hedge, sizer.ClassOf[hedge]);
            book.ClassSized[hedge] = false;
            book.Weight[hedge] = 0;
            sizer.SetTarget(book, hedge, target, ref intent, sizer.CurrentPrice(book.Account.Value, hedge));
        }

        count = 0;
        group = -1;
        return true;
    }

    private int IndexOf(int instrument)
    {
        for (var j = 0; j < count; j++)
        {
            if (hedges[j] == instrument)
            {
                return j;
            }
        }

        return -1;
    }
}
