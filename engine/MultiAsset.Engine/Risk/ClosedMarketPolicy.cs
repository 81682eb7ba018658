namespace MultiAsset.Engine.Risk;

/// <summary>What the risk gate does with an order for an instrument whose market is closed (<c>closedMarket</c> in risk.json).</summary>
public enum ClosedMarketPolicy : byte
{
    /// <summary>Reject it (<c>MarketClosed</c>); the strategy decides again when the market opens.</summary>
    Reject = 0,

    /// <summary>Return <c>HeldUntilOpen</c>: the risk stage keeps the order and checks it again once the market opens.</summary>
    Hold = 1,
}
