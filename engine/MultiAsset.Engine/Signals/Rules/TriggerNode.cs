namespace MultiAsset.Engine.Signals.Rules;

/// <summary>A node of a parsed (not yet bound) trigger; the position is where its first token starts.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
internal abstract record TriggerNode(int Line, int Column);
