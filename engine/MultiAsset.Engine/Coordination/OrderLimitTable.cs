using MultiAsset.Engine.Model;
using MultiAsset.Engine.Risk;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The risk limits coordination sizes inside, copied once from the gate's own resolved <see cref="RiskConfig"/>
/// (<see cref="RiskConfig.Account"/>, <see cref="RiskConfig.Class"/>, <see cref="RiskConfig.Instrument"/>: risk.json's
/// global → class → instrument → account overlay, the resolution the gate enforces), so both agree on every number.
/// Read-only after construction; raw fixed-point values (quantities in instrument units, notionals in the account's base
/// currency), <see cref="long.MaxValue"/> = no limit; ratios in parts per million.
/// </summary>
internal sealed class OrderLimitTable
{
    private readonly int instrumentCount;
    private readonly long[] maxOrderQuantity;
    private readonly long[] maxOrderNotional;
    private readonly long[] positionQuantity;
    private readonly long[] positionNotional;
    private readonly RiskRatio[] classAllocation;
    private readonly RiskRatio[] classLeverage;
    private readonly RiskRatio[] accountLeverage;
    private readonly bool[] cashOnly;

    /// <summary>Builds the table for <paramref name="accountCount"/> × <paramref name="instrumentCount"/>; no limits when <paramref name="config"/> is null.</summary>
    public OrderLimitTable(RiskConfig? config, int accountCount, int instrumentCount)
    {
        this.instrumentCount = instrumentCount;
        var cells = accountCount * instrumentCount;
        maxOrderQuantity = new long[cells];
        maxOrderNotional = new long[cells];
        positionQuantity = new long[cells];
        positionNotional = new long[cells];
        classAllocation = new RiskRatio[accountCount * StrategyBook.AssetClasses];
        classLeverage = new RiskRatio[accountCount * StrategyBook.AssetClasses];
        accountLeverage = new RiskRatio[accountCount];
        cashOnly = new bool[accountCount];
        Array.Fill(maxOrderQuantity, long.MaxValue);
        Array.Fill(maxOrderNotional, long.MaxValue);
        Array.Fill(positionQuantity, long.MaxValue);
        Array.Fill(positionNotional, long.MaxValue);
        Array.Fill(classAllocation, RiskRatio.Unlimited);
        Array.Fill(classLeverage, RiskRatio.Unlimited);
        Array.Fill(accountLeverage, RiskRatio.Unlimited);
        IsLimited = config is not null;
        if (config is null)
        {
            return;
        }

        if (config.InstrumentCount != instrumentCount)
        {
            throw new ArgumentException($"The risk configuration covers {config.InstrumentCount} instruments but the catalogue has {instrumentCount}.", nameof(config));
        }

        // Accounts are matched by position: both the risk configuration and the coordination stage take them in the
        // account registry's order. Accounts the risk configuration does not have are not limited here (nor by the gate).
        var accounts = Math.Min(accountCount, config.AccountCount);
        for (var a = 0; a < accounts; a++)
        {
            var account = new AccountId(a);
            var own = config.Account(account);
            accountLeverage[a] = own.MaxLeverage;
            cashOnly[a] = own.CashOnly;
            for (var c = 0; c < StrategyBook.AssetClasses; c++)
            {
                var limits = config.Class(account, (AssetClass)c);
                classAllocation[(a * StrategyBook.AssetClasses) + c] = limits.MaxAllocation;
                classLeverage[(a * StrategyBook.AssetClasses) + c] = limits.MaxLeverage;
            }

            for (var i = 0; i < instrumentCount; i++)
            {
                var limits = config.Instrument(account, new InstrumentId(i));
                var cell = (a * instrumentCount) + i;
                maxOrderQuantity[cell] = limits.MaxOrderQuantity.Raw;
                maxOrderNotional[cell] = limits.MaxOrderNotional.Raw;
                positionQuantity[cell] = limits.PositionLimitQuantity.Raw;
                positionNotional[cell] = limits.PositionLimitNotional.Raw;
            }
        }
    }

    /// <summary>Whether a risk configuration was given (otherwise nothing is limited).</summary>
    public bool IsLimited { get; }

    public long MaxOrderQuantity(int account, int instrument) => maxOrderQuantity[(account * instrumentCount) + instrument];

    public long MaxOrderNotional(int account, int instrument) => maxOrderNotional[(account * instrumentCount) + instrument];

    public long PositionQuantity(int account, int instrument) => positionQuantity[(account * instrumentCount) + instrument];

    public long PositionNotional(int account, int instrument) => positionNotional[(account * instrumentCount) + instrument];

    public RiskRatio ClassAllocation(int account, int assetClass) => classAllocation[(account * StrategyBook.AssetClasses) + assetClass];

    public RiskRatio ClassLeverage(int account, int assetClass) => classLeverage[(account * StrategyBook.AssetClasses) + assetClass];

    public RiskRatio AccountLeverage(int account) => accountLeverage[account];

    public bool CashOnly(int account) => cashOnly[account];
}
