using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Routing.Tca;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>Where a parent order is in its life.</summary>
internal enum ParentStatus : byte
{
    Free = 0,
    Working = 1,

    // Stopped by a kill switch with children still at venues: kept until they report, each unfilled rest handed back.
    Cancelling = 2,
}

/// <summary>
/// One parent order as the router works it: what is left to send, what is out at venues, what filled, its slice
/// schedule (in a shared preallocated table) and its TCA. A struct in a fixed table: no allocation per order.
/// </summary>
internal struct ParentOrder
{
    public long OrderId;
    public AccountId Account;
    public StrategyId Strategy;
    public InstrumentId Instrument;
    public AssetClass AssetClass;
    public OrderSide Side;
    public ExecutionAlgorithm Algorithm;
    public ParentStatus Status;
    public long LotRaw;
    public long QuantityRaw;
    public long FilledRaw;
    public long OutstandingRaw;   // sent to venues, not yet filled, cancelled or rejected
    public long RetryRaw;         // came back (reject, IOC rest) and must be sent again
    public int SliceCount;
    public int NextSlice;
    public long SliceInterval;
    public long NextSliceTime;
    public int Children;
    public ulong ExcludedVenues;
    public bool Participating;     // Momentum: slices sized from market volume, not scheduled up front
    public long UnscheduledRaw;    // Momentum: not yet given to a slice
    public long VolumeMark;        // Momentum: session volume at the last slice
    public long Deadline;          // Momentum: after this, the rest goes at once
    public OrderType Type;         // Market or Limit (children: Market, Limit, or IOC when Ioc)
    public bool Ioc;               // immediate or cancel: one pass, whatever does not fill at once is cancelled
    public long LimitRaw;          // limit price of a Limit parent (0 for market)
    public long ExpireTime;        // Day: the session close at which the rest expires (0 = never)
    public long ArrivalRaw;        // reference price when it reached the router: the benchmark of its children's TCA
    public long QuantityClosedRaw; // IOC: cancelled for good (handed back), never to be sent again
    public long RetryAt;           // when RetryRaw may be sent again (once the slices are out)
    public bool Waiting;           // nothing would take the rest when last tried: retried once the instrument's market changes
    public bool Watching;          // a limit parent: counted in the router's watch, so its instrument's venues follow the feed
    public ParentOrderTca Tca;

    public readonly long RemainingRaw => QuantityRaw - FilledRaw;

    public readonly void AppendDigest(StateDigestBuilder digest)
        => digest.Add(OrderId).Add(Account.Value).Add(Strategy.Value).Add(Instrument.Value).Add((int)Side).Add((int)Algorithm).Add((int)Status)
            .Add(QuantityRaw).Add(FilledRaw).Add(OutstandingRaw).Add(RetryRaw).Add(SliceCount).Add(NextSlice).Add(NextSliceTime).Add(Children).Add((long)ExcludedVenues)
            .Add(Participating).Add(UnscheduledRaw).Add(VolumeMark).Add(Deadline).Add((int)Type).Add(Ioc).Add(LimitRaw).Add(ExpireTime).Add(ArrivalRaw).Add(QuantityClosedRaw)
            .Add(RetryAt).Add(Waiting).Add(Watching);
}
