namespace MultiAsset.Engine.Model.Events;

/// <summary>What an <see cref="IntentEvent"/> asks for. Values are journalled and reported: never renumber.</summary>
public enum IntentKind : byte
{
    /// <summary>An empty slot.</summary>
    None = 0,

    /// <summary>
    /// Hold <see cref="IntentEvent.Weight"/> (signed, −1..+1) of the strategy's risk budget in <see cref="IntentEvent.Instrument"/>:
    /// the coordination stage turns it into a quantity with the strategy's capital.
    /// </summary>
    TargetPosition = 1,

    /// <summary>Trade <see cref="IntentEvent.Quantity"/> of <see cref="IntentEvent.Instrument"/> now, on <see cref="IntentEvent.Side"/> (arbitrage legs, explicit Buy/Sell actions).</summary>
    Trade = 2,

    /// <summary>Set the strategy's target weight of <see cref="IntentEvent.AssetClass"/> to <see cref="IntentEvent.Weight"/> (a fraction of the strategy's capital).</summary>
    AssetClassWeight = 3,

    /// <summary>Change the strategy's target weight of <see cref="IntentEvent.AssetClass"/> by <see cref="IntentEvent.Weight"/> (signed fraction).</summary>
    AssetClassWeightChange = 4,

    /// <summary>Flatten the strategy's position in <see cref="IntentEvent.Instrument"/>.</summary>
    Close = 5,

    /// <summary>Flatten every position of the strategy.</summary>
    CloseAll = 6,

    /// <summary>Hold <see cref="IntentEvent.Weight"/> of the strategy's capital in <see cref="IntentEvent.Instrument"/> (an optimiser or rebalancing target weight).</summary>
    TargetWeight = 7,

    /// <summary>
    /// Not a trade: strategy <see cref="IntentEvent.Strategy"/> was created in account <see cref="IntentEvent.Account"/>;
    /// its document is in the strategy registry. Lets later stages set up per-strategy state before its first intent.
    /// </summary>
    StrategyRegistered = 8,

    /// <summary>
    /// Not a trade: the stages after the signal stage take their state digest on it (the host's <c>--digest-at</c>):
    /// every intent caused by input up to <see cref="IntentEvent.SourceSequence"/> is before it, none after. Stages
    /// must not count it as state.
    /// </summary>
    DigestMarker = 9,

    /// <summary>Not a trade: a venue's execution report flowing on (<see cref="IntentEvent.Execution"/>).</summary>
    Execution = 10,

    /// <summary>Not a trade: engine time advanced to <see cref="IntentEvent.Timestamp"/> (time-driven work downstream).</summary>
    Heartbeat = 11,

    /// <summary>Not a trade: kill switch for <see cref="IntentEvent.Account"/> (none = global), on when <see cref="IntentEvent.Weight"/> is non-zero.</summary>
    KillSwitch = 12,

    /// <summary>
    /// A rebalancing rule of the strategy's document fired (or, for a <see cref="RebalanceTrigger.Threshold"/> rule, is
    /// due to be checked): <see cref="IntentEvent.Rule"/> is the rule's index in <c>rebalancingRules</c>,
    /// <see cref="IntentEvent.RebalanceAction"/> what to do and <see cref="IntentEvent.RebalanceTrigger"/> why. The
    /// signal stage evaluates the triggers on event time; the coordination stage, which owns the strategy's positions
    /// and class weights, turns the action into orders.
    /// </summary>
    Rebalance = 13,

    /// <summary>
    /// Not a trade: one coefficient of a HedgeRisk rule's minimum-variance hedge overlay, sent by the signal stage (which
    /// reads the analytics' EWMA covariance) just before the rule's <see cref="Rebalance"/> intent, in the same group:
    /// <see cref="IntentEvent.Weight"/> = b, the weight of hedge <see cref="IntentEvent.HedgeInstrument"/> in the
    /// regression of <see cref="IntentEvent.Instrument"/>'s returns on all the rule's hedges (b_i = Σ_HH⁻¹Σ_H,i; for one
    /// hedge the minimum-variance beta cov/var), and <see cref="IntentEvent.ReferencePrice"/> = the hedge's price. The
    /// coordination stage, which owns the positions, turns the coefficients into the overlay's quantities.
    /// </summary>
    HedgeBeta = 14,
}
