using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// One detected conflict and what was done about it, as kept in the <see cref="ConflictLog"/>. A plain value, so
/// recording one allocates nothing.
/// </summary>
/// <remarks>
/// <para>Quantities are the changes the strategies asked for in the batch (signed; 0 = no change), before and after the
/// resolution: <see cref="Strategy"/> is the leading strategy of the change that was kept (the winner, the one that went
/// first, the long side), <see cref="Other"/> the leading one of the change that was dropped, held, scaled or opposed
/// it. <see cref="NetBefore"/>/<see cref="NetAfter"/> are the account's net order on the instrument before and after.</para>
/// <para>For <see cref="ConflictCondition.AllocationBand"/> there is no instrument: <see cref="WeightRequested"/> and
/// <see cref="WeightApplied"/> are the asked-for and resulting class weights (fractions of the strategy's capital).</para>
/// </remarks>
public readonly record struct ConflictRecord
{
    /// <summary>Dense number of the record (1 = the first conflict of the run).</summary>
    public long Id { get; init; }

    /// <summary>Engine time of the latest intent involved (ns since the Unix epoch).</summary>
    public long Timestamp { get; init; }

    /// <summary>Input-ring sequence of the event behind the leading intent.</summary>
    public long SourceSequence { get; init; }

    /// <summary>The account.</summary>
    public AccountId Account { get; init; }

    /// <summary>The instrument; <see cref="InstrumentId.None"/> for a band conflict.</summary>
    public InstrumentId Instrument { get; init; }

    /// <summary>The asset class of the instrument or weight.</summary>
    public AssetClass AssetClass { get; init; }

    /// <summary>What was detected.</summary>
    public ConflictCondition Condition { get; init; }

    /// <summary>What was done.</summary>
    public ConflictResolution Resolution { get; init; }

    /// <summary>For a held intent: how many batches it had already been held (0 on first detection).</summary>
    public int Attempt { get; init; }

    /// <summary>Number of strategies whose changes took part.</summary>
    public int StrategyCount { get; init; }

    /// <summary>The leading strategy of the change that was kept.</summary>
    public StrategyId Strategy { get; init; }

    /// <summary>The leading strategy on the other side; <see cref="StrategyId.None"/> when there is none.</summary>
    public StrategyId Other { get; init; }

    /// <summary><see cref="Strategy"/>'s change before the resolution.</summary>
    public Quantity StrategyBefore { get; init; }

    /// <summary><see cref="Strategy"/>'s change after the resolution.</summary>
    public Quantity StrategyAfter { get; init; }

    /// <summary><see cref="Other"/>'s change before the resolution.</summary>
    public Quantity OtherBefore { get; init; }

    /// <summary><see cref="Other"/>'s change after the resolution.</summary>
    public Quantity OtherAfter { get; init; }

    /// <summary>The account's net order on the instrument before the resolution.</summary>
    public Quantity NetBefore { get; init; }

    /// <summary>The account's net order on the instrument after the resolution.</summary>
    public Quantity NetAfter { get; init; }

    /// <summary>Band conflicts: the weight asked for (fraction); NaN otherwise.</summary>
    public double WeightRequested { get; init; }

    /// <summary>Band conflicts: the weight in force afterwards (fraction); NaN otherwise.</summary>
    public double WeightApplied { get; init; }

    /// <summary>
    /// A conflict across time: <see cref="Strategy"/>'s change (this batch) opposes <see cref="Other"/>'s standing
    /// ordered position (filled + working, from earlier events). <see cref="OtherBefore"/>/<see cref="OtherAfter"/> are
    /// then that position (unchanged), <see cref="NetBefore"/>/<see cref="NetAfter"/> the account's ordered position.
    /// </summary>
    public bool Standing { get; init; }

    /// <summary>For <see cref="Standing"/> conflicts: whether <see cref="Strategy"/>'s change went ahead.</summary>
    public bool Kept { get; init; }
}
