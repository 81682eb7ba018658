namespace MultiAsset.Engine.Signals.Rules;

/// <summary>Lexical token kinds of the rule language.</summary>
internal enum TokenKind
{
    /// <summary>End of the rule text.</summary>
    End,

    /// <summary>A word: symbol, indicator name or keyword (letters, digits, '_', '.', starting with a letter).</summary>
    Identifier,

    /// <summary>An unsigned decimal number.</summary>
    Number,

    /// <summary>A timeframe such as <c>1h</c> (value = seconds).</summary>
    Timeframe,

    /// <summary>'%'.</summary>
    Percent,

    /// <summary>'('.</summary>
    LeftParen,

    /// <summary>')'.</summary>
    RightParen,

    /// <summary>','.</summary>
    Comma,

    /// <summary>'-' (unary minus of a number).</summary>
    Minus,

    /// <summary>'&gt;'.</summary>
    Greater,

    /// <summary>'&gt;='.</summary>
    GreaterOrEqual,

    /// <summary>'&lt;'.</summary>
    Less,

    /// <summary>'&lt;='.</summary>
    LessOrEqual,

    /// <summary>'=='.</summary>
    Equal,

    /// <summary>'!='.</summary>
    NotEqual,
}
