using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>A compiled execution-rule action: a small immutable value, built once at deploy time.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="AssetClass">The asset class of an allocation action; null otherwise.</param>
/// <param name="Instrument">The instrument of Buy / Sell / Close; <see cref="InstrumentId.None"/> otherwise.</param>
/// <param name="Amount">Weight change or target as a fraction (5% = 0.05) for allocation actions; 0 otherwise.</param>
/// <param name="Hedge">The hedge asset class of a carry trade (<c>with equity hedge</c> = STOCK); null when unhedged or not a carry trade.</param>
public readonly record struct RuleAction(RuleActionKind Kind, AssetClass? AssetClass, InstrumentId Instrument, double Amount, AssetClass? Hedge);
