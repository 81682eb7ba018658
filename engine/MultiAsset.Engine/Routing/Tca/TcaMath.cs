using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// The sign convention of every TCA figure: positive = cost, for both sides. A buy filled above its benchmark and a
/// sell filled below it both have positive slippage.
/// </summary>
public static class TcaMath
{
    /// <summary>Basis points per unit.</summary>
    public const double BasisPoints = 10_000;

    // Raw price × raw quantity carries 10^16; dividing an Int128 of that scale gives currency.
    internal const double NotionalScale = (double)FixedPoint.Scale * FixedPoint.Scale;

    /// <summary>+1 for a buy, −1 for a sell.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Side is neither.</exception>
    public static int SideSign(OrderSide side) => side switch
    {
        OrderSide.Buy => 1,
        OrderSide.Sell => -1,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "side must be Buy or Sell."),
    };

    /// <summary>Slippage of <paramref name="price"/> against <paramref name="benchmark"/> in bps: s·(price − benchmark)/benchmark·10⁴.</summary>
    public static double SlippageBps(OrderSide side, double price, double benchmark) =>
        SideSign(side) * (price - benchmark) / benchmark * BasisPoints;
}
