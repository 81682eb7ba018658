using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>The "no limit" values of the resolved limit types: the largest representable amounts.</summary>
public static class RiskLimits
{
    /// <summary>A quantity limit that nothing exceeds.</summary>
    public static Quantity NoQuantityLimit => Quantity.FromRaw(long.MaxValue);

    /// <summary>A money limit that nothing exceeds.</summary>
    public static Money NoMoneyLimit => Money.FromRaw(long.MaxValue);

    /// <summary>Number of asset classes (the values of <see cref="AssetClass"/> are 0..n-1).</summary>
    public static int AssetClassCount { get; } = Enum.GetValues<AssetClass>().Max(c => (int)c) + 1;

    /// <summary>Number of verdict codes (the values of <see cref="Model.Events.RiskVerdict"/> are 0..n-1).</summary>
    public static int VerdictCount { get; } = Enum.GetValues<Model.Events.RiskVerdict>().Max(v => (int)v) + 1;
}
