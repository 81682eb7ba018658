namespace MultiAsset.Engine.Signals.Rules;

/// <summary>What the strategy that owns a rule supplies when the rule is compiled.</summary>
public sealed record RuleBindingContext
{
    /// <summary>The FX pair of a bare <c>interest rate differential</c> (e.g. the carry strategy's EURUSD); null = none.</summary>
    public string? DefaultPair { get; init; }

    /// <summary>Overrides <see cref="RuleCompilerOptions.DefaultTimeframeSeconds"/> for this strategy; null = keep it.</summary>
    public int? DefaultTimeframeSeconds { get; init; }
}
