using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The coordination stage's view of one strategy: account, class weights and their band, capital share, and what it
/// has ordered per instrument. Built once when the strategy registers (control path); every array is sized to the
/// catalogue then, so intents only index into it.
/// </summary>
internal sealed class StrategyBook
{
    /// <summary>Number of <see cref="AssetClass"/> values (STOCK, FOREX, CRYPTO).</summary>
    public const int AssetClasses = 3;

    // Class weights are fractions; a request within this of the band edge is inside (percent → fraction rounding).
    private const double BandTolerance = 1e-9;

    public StrategyBook(StrategyId id, AccountId account, StrategyDocument document, InstrumentCatalog catalog, int strategyPriority, int[] ruleRanks)
    {
        Id = id;
        Account = account;
        DocumentId = document.Id;
        StrategyPriority = strategyPriority;
        RuleRanks = ruleRanks;
        var instruments = catalog.Count;
        Ordered = new long[instruments];
        Weight = new double[instruments];
        ClassSized = new bool[instruments];
        Seen = new bool[instruments];
        SeenList = new int[instruments];
        Touched = new int[instruments];
        IsTouched = new bool[instruments];
        PendingSlot = new int[instruments];
        Target = new long[instruments];
        HasTarget = new bool[instruments];
        WorkingOrder = new long[instruments];
        WorkingSign = new int[instruments];
        BlockedUntil = new long[instruments];
        BlockedTarget = new long[instruments];
        RefusedAt = new long[instruments];
        BackoffLevel = new int[instruments];
        NotedTarget = new long[instruments];
        ConflictTarget = new long[instruments];
        AverageEntry = new double[instruments];
        Array.Fill(NotedTarget, long.MinValue);
        Array.Fill(ConflictTarget, long.MinValue);
        Array.Fill(DocumentMaxAllocation, double.PositiveInfinity);
        Array.Fill(RebalanceThreshold, double.NaN);
        foreach (var allocation in document.Allocation)
        {
            var c = (int)allocation.AssetClass;
            HasClass[c] = true;
            ClassWeight[c] = allocation.TargetWeight / 100.0;
            DocumentWeight[c] = allocation.TargetWeight / 100.0;
            ClassMin[c] = allocation.MinWeight / 100.0;
            ClassMax[c] = allocation.MaxWeight / 100.0;
            RebalanceThreshold[c] = allocation.RebalanceThreshold is { } t ? t / 100.0 : double.NaN;
        }

        foreach (var limit in document.RiskParameters.AssetClassLimits)
        {
            if (limit.MaxAllocation is { } max)
            {
                var c = (int)limit.AssetClass;
                DocumentMaxAllocation[c] = Math.Min(DocumentMaxAllocation[c], max / 100.0);
            }
        }

        // The document's instruments count as seen from the start, so a class budget is split the same way for the
        // strategy's first intent as for its last (otherwise the first instrument would get the whole class).
        foreach (var symbol in document.Instruments)
        {
            if (catalog.TryGet(symbol, out var instrument) && instrument.IsTradable)
            {
                MarkSeen(instrument.Id.Value, instrument.AssetClass);
            }
        }
    }

    public StrategyId Id { get; }

    public AccountId Account { get; }

    /// <summary>The document's string id (configuration refers to strategies by it).</summary>
    public string DocumentId { get; }

    /// <summary>From <c>executionPriority</c> (0 when not listed).</summary>
    public int StrategyPriority { get; }

    /// <summary>Rank of this strategy under each conflict rule (higher wins a Prioritize).</summary>
    public int[] RuleRanks { get; }

    /// <summary>Share of the account's capital (fraction), set by the capital allocator.</summary>
    public double CapitalShare { get; set; }

    /// <summary>Target weight of each asset class (fraction of the strategy's capital).</summary>
    public double[] ClassWeight { get; } = new double[AssetClasses];

    public double[] ClassMin { get; } = new double[AssetClasses];

    public double[] ClassMax { get; } = new double[AssetClasses];

    public bool[] HasClass { get; } = new bool[AssetClasses];

    /// <summary>What the strategy has ordered per instrument (raw quantity, signed, whole lots).</summary>
    public long[] Ordered { get; }

    /// <summary>The last <c>TargetPosition</c> weight per instrument (re-sizes the position when its class weight moves).</summary>
    public double[] Weight { get; }

    /// <summary>Whether the position per instrument was sized from a class weight (and follows it).</summary>
    public bool[] ClassSized { get; }

    public bool[] Seen { get; }

    /// <summary>Seen instruments, in the order they were first seen (<see cref="SeenCount"/> of them).</summary>
    public int[] SeenList { get; }

    public int SeenCount { get; private set; }

    /// <summary>Seen instruments per asset class: the class budget is split between them.</summary>
    public int[] SeenPerClass { get; } = new int[AssetClasses];

    /// <summary>Instruments the strategy has ever asked to trade (<see cref="TouchedCount"/> of them): what CloseAll flattens.</summary>
    public int[] Touched { get; }

    public int TouchedCount { get; private set; }

    public bool[] IsTouched { get; }

    /// <summary>Per instrument: 1 + index of the strategy's entry in the pending batch, or 0 when it has none.</summary>
    public int[] PendingSlot { get; }

    /// <summary>The position the strategy last asked for per instrument (raw, whole lots; valid where <see cref="HasTarget"/>).</summary>
    public long[] Target { get; }

    /// <summary>Whether <see cref="Target"/> holds a target for the instrument.</summary>
    public bool[] HasTarget { get; }

    /// <summary>Per instrument: the order carrying a clipped part of the target (0 = none); the rest waits for it.</summary>
    public long[] WorkingOrder { get; }

    /// <summary>Per instrument: the direction (+1 buy, −1 sell) of <see cref="WorkingOrder"/>.</summary>
    public int[] WorkingSign { get; }

    /// <summary>Per instrument: engine time until which the strategy is backed off after a refusal (0 = not blocked).</summary>
    public long[] BlockedUntil { get; }

    /// <summary>Per instrument: the target in force when the refusal came (a different one lifts the block).</summary>
    public long[] BlockedTarget { get; }

    /// <summary>Per instrument: engine time of the last refusal.</summary>
    public long[] RefusedAt { get; }

    /// <summary>Per instrument: refusals since the last fill (the back-off interval doubles with each).</summary>
    public int[] BackoffLevel { get; }

    /// <summary>Per instrument: the target whose unreachable rest was last noted in the refusal log (no repeat for the same target).</summary>
    public long[] NotedTarget { get; }

    /// <summary>Per instrument: the target last dropped by a conflict with a standing position (logged once per target).</summary>
    public long[] ConflictTarget { get; }

    /// <summary>Per instrument: average reference price of the ordered position (0 when flat): what TakeProfit compares with.</summary>
    public double[] AverageEntry { get; }

    /// <summary>The document's target weight of each class (fraction): what a Rebalance action restores.</summary>
    public double[] DocumentWeight { get; } = new double[AssetClasses];

    /// <summary>The document's <c>riskParameters.assetClassLimits[class].maxAllocation</c> (fraction of the strategy's capital; +∞ when none).</summary>
    public double[] DocumentMaxAllocation { get; } = new double[AssetClasses];

    /// <summary>Each allocation's <c>rebalanceThreshold</c> (fraction, i.e. percentage points / 100; NaN when none).</summary>
    public double[] RebalanceThreshold { get; } = new double[AssetClasses];

    /// <summary>Multiplier of every size (1; halved by a HedgeRisk action down to 1/8, restored by a Rebalance action).</summary>
    public double RiskScale { get; set; } = 1.0;

    /// <summary>Why the strategy has no capital (null when it has some): set by the capital allocator.</summary>
    public string? ZeroCapitalReason { get; set; }

    public void MarkSeen(int instrument, AssetClass assetClass)
    {
        if (!Seen[instrument])
        {
            Seen[instrument] = true;
            SeenList[SeenCount++] = instrument;
            SeenPerClass[(int)assetClass]++;
        }
    }

    public void MarkTouched(int instrument)
    {
        if (!IsTouched[instrument])
        {
            IsTouched[instrument] = true;
            Touched[TouchedCount++] = instrument;
        }
    }

    /// <summary>Whether <paramref name="weight"/> lies in the band of <paramref name="assetClass"/> (a class the document does not allocate to has the band [0, 0]).</summary>
    public bool InBand(int assetClass, double weight)
        => weight >= ClassMin[assetClass] - BandTolerance && weight <= ClassMax[assetClass] + BandTolerance;

    /// <summary><paramref name="weight"/> clamped to the band of <paramref name="assetClass"/>.</summary>
    public double Clamp(int assetClass, double weight) => Math.Clamp(weight, ClassMin[assetClass], ClassMax[assetClass]);

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Id.Value).Add(Account.Value).Add(DocumentId).Add(CapitalShare).Add(ClassWeight).Add(Ordered).Add(Weight);
        digest.Add(Target).Add(WorkingOrder).Add(BlockedUntil).Add(BlockedTarget).Add(RefusedAt).Add(NotedTarget).Add(ConflictTarget).Add(AverageEntry).Add(RiskScale);
        for (var i = 0; i < Target.Length; i++)
        {
            digest.Add((HasTarget[i] ? 1 : 0) | ((WorkingSign[i] + 1) << 1) | (BackoffLevel[i] << 3));
        }

        for (var i = 0; i < ClassSized.Length; i++)
        {
            digest.Add((ClassSized[i] ? 1 : 0) | (Seen[i] ? 2 : 0) | (IsTouched[i] ? 4 : 0));
        }

        // The list orders matter: CloseAll and re-sizing walk Touched, and arrival order breaks ties.
        digest.Add(SeenCount).Add(TouchedCount);
        for (var i = 0; i < TouchedCount; i++)
        {
            digest.Add(Touched[i]);
        }

        for (var i = 0; i < SeenCount; i++)
        {
            digest.Add(SeenList[i]);
        }
    }
}
