using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Portfolio.Accounts;

/// <summary>An amount of one currency, e.g. an initial cash balance.</summary>
/// <param name="Currency">The currency the amount is in.</param>
/// <param name="Amount">The amount (fixed-point, 8 decimals).</param>
public readonly record struct CurrencyAmount(CurrencyId Currency, Money Amount);

/// <summary>One entry of <c>config/accounts.json</c>: a paper-trading account. Immutable once built.</summary>
public sealed class AccountDefinition
{
    /// <summary>Dense id: the account's position in the file (0..n-1).</summary>
    public required AccountId Id { get; init; }

    /// <summary>The account's <c>id</c> in the file (e.g. "fx-carry"): what strategies and the control API name.</summary>
    public required string Key { get; init; }

    /// <summary>Human-readable name; the key when the file gives none.</summary>
    public required string Name { get; init; }

    /// <summary>Currency equity, exposure and P&amp;L are reported in.</summary>
    public required CurrencyId BaseCurrency { get; init; }

    /// <summary>Cash or margin.</summary>
    public required AccountType Type { get; init; }

    /// <summary>
    /// Maximum gross exposure ÷ equity, as raw fixed-point units (× 10^8): 1 for cash accounts. Kept raw so that the
    /// buying-power check stays exact.
    /// </summary>
    public required long MaxLeverageRaw { get; init; }

    /// <summary>Starting balances, one per currency, in file order (currencies not listed start at zero).</summary>
    public required IReadOnlyList<CurrencyAmount> InitialCash { get; init; }

    /// <summary><see cref="MaxLeverageRaw"/> as a number (e.g. 2.5).</summary>
    public decimal MaxLeverage => FixedPoint.ToDecimal(MaxLeverageRaw);

    /// <inheritdoc/>
    public override string ToString() => $"{Key} (#{Id.Value}, {Type})";
}
