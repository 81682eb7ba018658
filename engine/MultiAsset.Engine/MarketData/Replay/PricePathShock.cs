namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// A stress scenario's price path laid over replayed data (a backtest's <c>stress</c>): from <see cref="StartNanoseconds"/>
/// every price of instrument i is multiplied by 1 + (mᵢ − 1)·min(1, (t − start) ÷ ramp) — a straight line from the
/// data's own price to the scenario's full move over <see cref="RampNanoseconds"/>, then held — and rounded to the
/// instrument's tick. Instruments with mᵢ = 1 are untouched.
/// </summary>
/// <param name="StartNanoseconds">When the move starts (event time, ns since the Unix epoch).</param>
/// <param name="RampNanoseconds">How long it takes to reach the full move (0 = a jump at the start).</param>
/// <param name="Multiples">mᵢ by instrument id (price after ÷ price before at the full move; &gt; 0).</param>
/// <param name="TickRaw">Each instrument's tick size in raw price units (0 = no rounding).</param>
public sealed record PricePathShock(long StartNanoseconds, long RampNanoseconds, IReadOnlyList<double> Multiples, IReadOnlyList<long> TickRaw)
{
    /// <summary>Throws when the path cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RampNanoseconds, nameof(RampNanoseconds));
        if (Multiples.Count != TickRaw.Count)
        {
            throw new ArgumentException($"{Multiples.Count} multiples but {TickRaw.Count} tick sizes", nameof(TickRaw));
        }

        for (var i = 0; i < Multiples.Count; i++)
        {
            if (!(Multiples[i] > 0) || !double.IsFinite(Multiples[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(Multiples), Multiples[i], $"instrument {i}: a price multiple must be a positive finite number");
            }
        }
    }

    /// <summary>The multiple applied at <paramref name="time"/> to an instrument whose full move is <paramref name="multiple"/>.</summary>
    public double MultipleAt(double multiple, long time)
    {
        if (time < StartNanoseconds)
        {
            return 1;
        }

        var progress = RampNanoseconds == 0 ? 1 : Math.Min(1, (time - StartNanoseconds) / (double)RampNanoseconds);
        return 1 + ((multiple - 1) * progress);
    }
}
