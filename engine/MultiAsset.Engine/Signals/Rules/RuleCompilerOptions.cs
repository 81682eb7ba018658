namespace MultiAsset.Engine.Signals.Rules;

/// <summary>How <see cref="RuleCompiler"/> resolves names that a rule leaves implicit.</summary>
public sealed record RuleCompilerOptions
{
    /// <summary>Short name → catalogue symbol (case-insensitive keys); <see cref="RuleSymbolAliases.Default"/> by default.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = RuleSymbolAliases.Default;

    /// <summary>Timeframe (seconds) of an indicator written without one; 1 day by default (must be configured in the analytics).</summary>
    public int DefaultTimeframeSeconds { get; init; } = 86_400;
}
