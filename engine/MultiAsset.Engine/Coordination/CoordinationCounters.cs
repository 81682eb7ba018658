using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// What the coordination stage did and what it refused, counted. Written on the stage thread; read from it or after
/// the pipeline stopped. Every intent the stage could not act on is counted under exactly one reason.
/// </summary>
public sealed class CoordinationCounters
{
    /// <summary>Intents received (all kinds).</summary>
    public long Intents { get; internal set; }

    /// <summary>Execution reports and kill switches passed on to the order ring.</summary>
    public long Forwarded { get; internal set; }

    /// <summary>Orders whose unfilled quantity came back (refused by risk, stopped by a kill switch).</summary>
    public long Released { get; internal set; }

    /// <summary>Strategies registered.</summary>
    public long Registrations { get; internal set; }

    /// <summary>Empty slots (<c>IntentKind.None</c>) or kinds the stage does not know: ignored.</summary>
    public long Ignored { get; internal set; }

    /// <summary>Intents of a strategy never registered (or registered without a document): skipped.</summary>
    public long UnknownStrategy { get; internal set; }

    /// <summary>Intents whose account is not the strategy's (or is unknown): skipped, so no account can move another's positions.</summary>
    public long AccountMismatch { get; internal set; }

    /// <summary>Intents for an unknown or non-tradable instrument: skipped.</summary>
    public long InvalidInstrument { get; internal set; }

    /// <summary>Sizing intents without a positive reference price: skipped.</summary>
    public long MissingPrice { get; internal set; }

    /// <summary>Intents with an invalid field (NaN weight, trade without side or quantity): skipped.</summary>
    public long InvalidIntent { get; internal set; }

    /// <summary>Sizing intents whose non-zero target came out below one lot.</summary>
    public long RoundedToZero { get; internal set; }

    /// <summary>Flushes (one per batch of intents).</summary>
    public long Batches { get; internal set; }

    /// <summary>Orders published into the order ring.</summary>
    public long OrdersPublished { get; internal set; }

    /// <summary>Orders that carry the changes of more than one strategy.</summary>
    public long NettedOrders { get; internal set; }

    /// <summary>(Account, instrument) groups whose strategies' changes cancelled out exactly: crossed internally, no order.</summary>
    public long InternalCrosses { get; internal set; }

    /// <summary>Intents held by a Defer resolution (each time).</summary>
    public long Deferred { get; internal set; }

    /// <summary>Held intents cancelled after their last retry.</summary>
    public long DeferExpired { get; internal set; }

    /// <summary>Deferrals turned into cancellations because the account already held <c>maxIntentsDeferred</c> intents.</summary>
    public long DeferOverflow { get; internal set; }

    /// <summary>Recomputations of an account's capital shares.</summary>
    public long Reallocations { get; internal set; }

    /// <summary>Times the batch buffer had to grow (warm-up only: it keeps its size).</summary>
    public long BatchGrowths { get; internal set; }

    /// <summary>Flushes forced before the end of a batch because the batch buffer reached its hard limit.</summary>
    public long EarlyFlushes { get; internal set; }

    /// <summary>Sizing intents skipped because the instrument's quote currency had no FX rate to the account's base currency yet.</summary>
    public long MissingRate { get; internal set; }

    /// <summary>Targets cut by the document's <c>riskParameters.assetClassLimits[class].maxAllocation</c>.</summary>
    public long DocumentCapped { get; internal set; }

    /// <summary>Net orders cut (at the flush) to fit a risk limit; the rest of the targets is worked over time.</summary>
    public long ClippedOrders { get; internal set; }

    /// <summary>Net orders cut to nothing: the limits left no room (noted once per target in the refusal log).</summary>
    public long ClippedToZero { get; internal set; }

    /// <summary>Orders the risk gate refused (parent-level cancels with reason <c>RiskRefused</c>) that backed a strategy off.</summary>
    public long GateRefusals { get; internal set; }

    /// <summary>Intents of a backed-off strategy on the blocked instrument that sent nothing.</summary>
    public long SuppressedIntents { get; internal set; }

    /// <summary>Blocks lifted (interval passed, fill, changed target, reversal).</summary>
    public long Unblocked { get; internal set; }

    /// <summary>Changes that waited because a clipped order of the strategy on the instrument was still working.</summary>
    public long WaitingForClip { get; internal set; }

    /// <summary>Next clips of a target sent when the previous one finished or a back-off expired.</summary>
    public long NextClips { get; internal set; }

    /// <summary>Conflicts with another strategy's standing (ordered) position recorded.</summary>
    public long StandingConflicts { get; internal set; }

    /// <summary>Repeats of an already-recorded standing conflict (same strategy, instrument and target): not logged again.</summary>
    public long StandingRepeats { get; internal set; }

    /// <summary>Rebalancing actions executed (<c>IntentKind.Rebalance</c>).</summary>
    public long Rebalances { get; internal set; }

    /// <summary>Threshold rebalances that found no class beyond its threshold: nothing done.</summary>
    public long RebalancesSkipped { get; internal set; }

    /// <summary>HedgeRisk actions that set a minimum-variance hedge overlay (the rule names hedge instruments).</summary>
    public long HedgeOverlays { get; internal set; }

    /// <summary>HedgeRisk actions whose rule names hedges but whose coefficients could not be estimated: halved instead.</summary>
    public long HedgeFallbacks { get; internal set; }

    /// <summary>
    /// Intents (and batches) whose handling threw: each intent was refused with <c>StageFault</c> — logged in the refusals,
    /// its strategy backed off the instrument like after a gate refusal — instead of being lost. Should stay 0.
    /// </summary>
    public long StageFaults { get; internal set; }

    internal void AppendDigest(StateDigestBuilder digest)
        => digest.Add(Intents).Add(Forwarded).Add(Released).Add(Registrations).Add(Ignored).Add(UnknownStrategy).Add(AccountMismatch).Add(InvalidInstrument)
            .Add(MissingPrice).Add(InvalidIntent).Add(RoundedToZero).Add(Batches).Add(OrdersPublished).Add(NettedOrders)
            .Add(InternalCrosses).Add(Deferred).Add(DeferExpired).Add(DeferOverflow).Add(Reallocations).Add(EarlyFlushes)
            .Add(MissingRate).Add(DocumentCapped).Add(ClippedOrders).Add(ClippedToZero).Add(GateRefusals).Add(SuppressedIntents).Add(Unblocked)
            .Add(WaitingForClip).Add(NextClips).Add(StandingConflicts).Add(StandingRepeats).Add(Rebalances).Add(RebalancesSkipped).Add(StageFaults).Add(HedgeOverlays).Add(HedgeFallbacks);
}
