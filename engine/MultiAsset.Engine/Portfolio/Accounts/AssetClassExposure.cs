using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>The market value of an account's open positions in one asset class, in the account's base currency.</summary>
/// <param name="Gross">Sum of the absolute position values (longs plus shorts).</param>
/// <param name="Net">Sum of the signed position values (longs minus shorts).</param>
public readonly record struct AssetClassExposure(Money Gross, Money Net);
