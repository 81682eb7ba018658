namespace MultiAsset.Engine.Signals.Rules;

/// <summary>The comparison operators of a trigger.</summary>
public enum ComparisonOperator
{
    /// <summary>&gt;</summary>
    Greater = 0,

    /// <summary>&gt;=</summary>
    GreaterOrEqual = 1,

    /// <summary>&lt;</summary>
    Less = 2,

    /// <summary>&lt;=</summary>
    LessOrEqual = 3,

    /// <summary>==</summary>
    Equal = 4,

    /// <summary>!=</summary>
    NotEqual = 5,
}
