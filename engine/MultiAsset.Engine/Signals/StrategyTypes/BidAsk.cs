namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>A two-sided quote: the price one can sell at (bid) and buy at (ask).</summary>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask (≥ bid).</param>
public readonly record struct BidAsk(double Bid, double Ask)
{
    /// <summary>Throws when the quote is not usable (non-finite, non-positive or crossed): a feed fault, not an edge.</summary>
    internal void Validate(string name)
    {
        if (!double.IsFinite(Bid) || !double.IsFinite(Ask) || Bid <= 0 || Ask < Bid)
        {
            throw new ArgumentOutOfRangeException(name, this, $"{name} must have finite 0 < bid ≤ ask.");
        }
    }
}
