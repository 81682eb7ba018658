using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// Stop-loss per account and asset class (the seed's <c>stopLossThreshold</c>): on each mark or P&amp;L update, decides
/// whether the class's loss has reached its threshold and, once per breach, writes a closing intent for every open
/// position of the class. Owned by the risk stage; single-threaded; never allocates after construction.
/// </summary>
/// <remarks>
/// <para><b>Loss.</b> Measured on the whole class of one account, as a fraction of its cost basis
/// (<see cref="IRiskAccountView.CostBasis"/>): from entry, −unrealised P&amp;L; from peak (<see cref="StopLossBasis.Peak"/>),
/// the fall of unrealised P&amp;L from its highest value since the class was last flat (at least 0, the entry). Breached
/// when the loss is at or beyond the threshold.</para>
/// <para><b>Latch.</b> A breach latches: no more intents for that account and class until <see cref="Reset"/> is called or
/// the class is seen flat (cost basis 0), which also restarts the peak. So a stop fires once per breach, and again only
/// for a new position that breaches anew.</para>
/// <para><b>Intents.</b> <c>Kind = Close</c>, <c>Reason = StopLoss</c>, <c>Urgency = Immediate</c>, the side and quantity that
/// flatten the position (information for the coordinator), <c>Strategy = None</c> (the account's whole position, whichever
/// strategies hold it), the class, and the given time and source sequence.</para>
/// </remarks>
public sealed partial class StopLossMonitor : IStateDigest
{
    private readonly int accountCount;
    private readonly AccountRiskLimits[] accountLimits;
    private readonly ClassRiskLimits[] classLimits;
    private readonly InstrumentId[][] tradableByClass;
    private readonly bool[] latched;
    private readonly long[] peaks;

    /// <summary>Creates a monitor for the thresholds of <paramref name="config"/> over the instruments of <paramref name="catalog"/>.</summary>
    public StopLossMonitor(RiskConfig config, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        accountCount = config.AccountCount;
        accountLimits = config.AccountTable;
        classLimits = config.ClassTable;
        tradableByClass = new InstrumentId[RiskLimits.AssetClassCount][];
        for (int c = 0; c < tradableByClass.Length; c++)
        {
            tradableByClass[c] = catalog.OfClass((AssetClass)c).Where(i => i.IsTradable).Select(i => i.Id).ToArray();
        }

        // Every class of an account (and every strategy's class) can breach at one sample: room for every tradable instrument.
        MaxClosingIntents = tradableByClass.Sum(ids => ids.Length);
        latched = new bool[accountCount * RiskLimits.AssetClassCount];
        peaks = new long[accountCount * RiskLimits.AssetClassCount];
    }

    /// <summary>
    /// Room for the closing intents one <see cref="EvaluateAccount"/> writes at most in one call: every tradable instrument
    /// (each class may breach at once). Per-strategy closes that do not fit wait for the next evaluation.
    /// </summary>
    public int MaxClosingIntents { get; }

    /// <inheritdoc/>
    public string DigestName => "risk-stop-loss";

    /// <summary>Whether a breach of <paramref name="assetClass"/> in <paramref name="account"/> is latched.</summary>
    public bool IsLatched(AccountId account, AssetClass assetClass) => latched[Slot(account, assetClass)];

    /// <summary>Re-arms the stop of <paramref name="assetClass"/> in <paramref name="account"/> (and restarts its peak).</summary>
    public void Reset(AccountId account, AssetClass assetClass)
    {
        int slot = Slot(account, assetClass);
        latched[slot] = false;
        peaks[slot] = 0;
    }

    /// <summary>
    /// Evaluates the stop of <paramref name="assetClass"/> in <paramref name="account"/> after a mark or P&amp;L update. On a new
    /// breach, writes one closing intent per open position of the class into <paramref name="closing"/>, latches, and returns
    /// how many it wrote; otherwise returns 0.
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="assetClass">The class.</param>
    /// <param name="now">Engine time (Unix nanoseconds), stamped on the intents.</param>
    /// <param name="sourceSequence">The input sequence of the event that moved the marks, stamped on the intents.</param>
    /// <param name="view">Positions, cost basis and unrealised P&amp;L.</param>
    /// <param name="closing">Where the intents go; <see cref="MaxClosingIntents"/> long is always enough.</param>
    /// <exception cref="ArgumentException"><paramref name="closing"/> cannot hold every intent (nothing is written or latched).</exception>
    public int Evaluate<TView>(AccountId account, AssetClass assetClass, long now, long sourceSequence, in TView view, Span<IntentEvent> closing)
        where TView : IRiskAccountView
    {
        int slot = Slot(account, assetClass);
        long cost = view.CostBasis(account, assetClass).Raw;
        if (cost <= 0)
        {
            latched[slot] = false;
            peaks[slot] = 0;
            return 0;
        }

        long pnl = view.UnrealizedPnl(account, assetClass).Raw;
        if (pnl > peaks[slot])
        {
            peaks[slot] = pnl;
        }

        var threshold = classLimits[slot].StopLossThreshold;
        if (latched[slot] || threshold.IsUnlimited)
        {
            return 0;
        }

        long reference = accountLimits[account.Value].StopLossBasis == StopLossBasis.Peak ? peaks[slot] : 0;
        long loss = RiskMath.AddSaturating(reference, pnl == long.MinValue ? long.MaxValue : -pnl);
        if (loss <= 0 || !threshold.IsReachedBy(loss, cost))
        {
            return 0;
        }

        var ids = tradableByClass[(int)assetClass];
        int needed = 0;
        foreach (var id in ids)
        {
            needed += view.Position(account, id).Raw != 0 ? 1 : 0;
        }

        if (needed > closing.Length)
        {
            ThrowSpanTooSmall(needed, closing.Length, nameof(closing));
        }

        int written = 0;
        foreach (var id in ids)
        {
            long position = view.Position(account, id).Raw;
            if (position != 0)
            {
                WriteClose(ref closing[written++], account, id, assetClass, position, now, sourceSequence);
            }
        }

        latched[slot] = true;
        return written;
    }

    /// <summary>
    /// <see cref="Evaluate"/> for every asset class of <paramref name="account"/>, intents written one class after another;
    /// returns the total written. <paramref name="closing"/> should hold every tradable instrument.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="closing"/> ran out of room (classes evaluated before are latched).</exception>
    public int EvaluateAccount<TView>(AccountId account, long now, long sourceSequence, in TView view, Span<IntentEvent> closing)
        where TView : IRiskAccountView
    {
        int written = 0;
        for (int c = 0; c < RiskLimits.AssetClassCount; c++)
        {
            written += Evaluate(account, (AssetClass)c, now, sourceSequence, in view, closing[written..]);
        }

        return written + EvaluateStrategies(account, now, sourceSequence, in view, closing[written..]);
    }

    /// <inheritdoc/>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(latched.Length);
        foreach (bool on in latched)
        {
            builder.Add(on);
        }

        builder.Add(peaks);
        AppendStrategyDigest(builder);
    }

    private static void WriteClose(ref IntentEvent intent, AccountId account, InstrumentId instrument, AssetClass assetClass, long position, long now, long sourceSequence, StrategyId? strategy = null)
    {
        intent = default;
        intent.Kind = IntentKind.Close;
        intent.Reason = IntentReason.StopLoss;
        intent.Urgency = IntentUrgency.Immediate;
        intent.Side = position > 0 ? OrderSide.Sell : OrderSide.Buy;
        intent.Strategy = strategy ?? StrategyId.None;
        intent.Account = account;
        intent.Instrument = instrument;
        intent.Timestamp = now;
        intent.Quantity = Quantity.FromRaw(RiskMath.AbsSaturating(position));
        intent.SourceSequence = sourceSequence;
        intent.AssetClass = assetClass;
        intent.Hedge = null;
        intent.Rule = -1;
    }

    private int Slot(AccountId account, AssetClass assetClass)
    {
        if ((uint)account.Value >= (uint)accountCount || (uint)assetClass >= (uint)RiskLimits.AssetClassCount)
        {
            ThrowUnknown(account, assetClass);
        }

        return (account.Value * RiskLimits.AssetClassCount) + (int)assetClass;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSpanTooSmall(int needed, int length, string paramName) =>
        throw new ArgumentException($"The stop-loss needs room for {needed} closing intents but the span holds {length}.", paramName);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowUnknown(AccountId account, AssetClass assetClass) =>
        throw new ArgumentOutOfRangeException(nameof(account), $"Account #{account.Value} / class {(int)assetClass} is not one of the {accountCount} accounts and {RiskLimits.AssetClassCount} classes configured.");
}
