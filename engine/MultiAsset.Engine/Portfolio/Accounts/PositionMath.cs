namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>
/// The average-cost position arithmetic of one (account, instrument): how a signed fill changes the position, its
/// cost basis and the realised P&amp;L. Pure functions on raw fixed-point values (× 10^8); nothing is mutated, so a
/// fill that would overflow can be refused before any state changes.
/// </summary>
/// <remarks>
/// <para>The state is the signed position P and the signed cost basis B (quote currency): what the open quantity cost
/// (long, B &gt; 0) or brought in (short, B &lt; 0). The average cost is B / P, derived on demand and never stored,
/// so no rounding accumulates: B is an exact ledger of notionals.</para>
/// <para>A fill of signed quantity q with signed notional n (rounded q × price, the same amount the cash moves by):</para>
/// <list type="bullet">
/// <item>opening or adding (P = 0 or same sign): P += q, B += n, nothing realised;</item>
/// <item>reducing (|q| ≤ |P|): the released basis is B × |q| / |P| (rounded half away from zero), realised = −n − released,
/// B −= released, P += q (closing exactly releases all of B);</item>
/// <item>flipping (|q| &gt; |P|): the closing part is −P at the fill price, its notional rounded like any notional, and the
/// opening part takes the rest of n, so the two parts sum to n exactly; realised = −closing notional − B; then P += q and
/// B = opening notional.</item>
/// </list>
/// <para>Invariant (exact, whatever the rounding): realised − B = −Σ n. With cash = initial − Σ n − Σ fees this makes
/// equity − initial equity = realised − fees + (P × mark − B), i.e. realised plus unrealised P&amp;L, to the unit.</para>
/// </remarks>
internal static class PositionMath
{
    /// <summary>
    /// Applies a fill of signed <paramref name="quantity"/> (buy &gt; 0) whose signed notional is <paramref name="notional"/>
    /// at <paramref name="price"/> to (<paramref name="position"/>, <paramref name="basis"/>). False on overflow.
    /// </summary>
    public static bool TryApply(
        long position,
        long basis,
        long quantity,
        long notional,
        long price,
        out long newPosition,
        out long newBasis,
        out long realised)
    {
        newPosition = 0;
        newBasis = 0;
        realised = 0;

        // A position of long.MinValue has no positive magnitude; refuse it so |P| below is always safe.
        if (!FixedMath.TryAdd(position, quantity, out long summed) || summed == long.MinValue)
        {
            return false;
        }

        if (position == 0 || (position > 0) == (quantity > 0))
        {
            newPosition = summed;
            return FixedMath.TryAdd(basis, notional, out newBasis);
        }

        long held = Math.Abs(position);
        long traded = Math.Abs(quantity);
        if (traded <= held)
        {
            long released = basis;
            if (traded < held && !FixedMath.TryMultiplyDivide(basis, traded, held, out released))
            {
                return false;
            }

            newPosition = summed;
            newBasis = basis - released; // |released| ≤ |basis| with the same sign: cannot overflow.
            return FixedMath.TryNarrow(-(Int128)notional - released, out realised);
        }

        // Flip: close -P at the fill price, open the remainder with what is left of the notional.
        if (!FixedMath.TryMultiplyScaled(-position, price, out long closing)
            || !FixedMath.TryNarrow((Int128)notional - closing, out newBasis))
        {
            return false;
        }

        newPosition = summed;
        return FixedMath.TryNarrow(-(Int128)closing - basis, out realised);
    }
}
