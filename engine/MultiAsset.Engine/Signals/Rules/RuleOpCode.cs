namespace MultiAsset.Engine.Signals.Rules;

/// <summary>Instructions of the trigger stack machine. Truth values on the stack: 1 true, 0 false, NaN unknown.</summary>
internal enum RuleOpCode : byte
{
    /// <summary>Push <see cref="RuleInstruction.Constant"/>.</summary>
    LoadConstant,

    /// <summary>Push an indicator reading from the source.</summary>
    LoadIndicator,

    /// <summary>Pop b, a; push a − b (the interest rate differential).</summary>
    Subtract,

    /// <summary>Pop b, a; push the truth of <c>a op b</c> (unknown when either is NaN).</summary>
    Compare,

    /// <summary>Pop a; push the truth of <c>a op Constant</c> (the common indicator-versus-literal case in one step).</summary>
    CompareConstant,

    /// <summary>Pop b, a; push Kleene a AND b.</summary>
    And,

    /// <summary>Pop b, a; push Kleene a OR b.</summary>
    Or,

    /// <summary>Pop a; push Kleene NOT a.</summary>
    Not,
}
