namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The body of <c>GET /api/multi-asset/conflicts</c> (camelCase JSON, see <see cref="ConflictReportBuilder.JsonOptions"/>):
/// <code>
/// {
///   "total": 12, "returned": 2,
///   "byCondition": { "OpposingIntents": 9, "ExposureOverlap": 2, "AllocationBand": 1 },
///   "byResolution": { "Prioritize": 6, "Average": 3, "Cancel": 1, "Defer": 2 },
///   "conflicts": [ {
///     "id": 12, "time": "2026-03-02T14:30:00.0000000Z", "timestamp": 1772461800000000000,
///     "account": "default", "instrument": "AAPL", "assetClass": "STOCK",
///     "condition": "OpposingIntents", "resolution": "Prioritize",
///     "strategies": [ { "id": "cross-asset-arbitrage", "role": "winner", "quantityBefore": 100, "quantityAfter": 100 },
///                     { "id": "crypto-tech-momentum", "role": "loser", "quantityBefore": -40, "quantityAfter": 0 } ],
///     "strategyCount": 2, "netQuantityBefore": 60, "netQuantityAfter": 100, "attempt": 0, "sourceSequence": 4711 } ]
/// }
/// </code>
/// Band conflicts have no instrument and carry <c>weightRequested</c>/<c>weightApplied</c> in percent, as strategy
/// documents write weights; quantities are the strategies' requested changes (signed), in instrument units.
/// </summary>
/// <param name="Total">Conflicts recorded since the start.</param>
/// <param name="Returned">Conflicts in <paramref name="Conflicts"/>.</param>
/// <param name="ByCondition">Count per condition (every condition, zeros included).</param>
/// <param name="ByResolution">Count per resolution (every resolution, zeros included).</param>
/// <param name="Conflicts">The most recent conflicts, newest first.</param>
/// <param name="Refusals">
/// Targets coordination could not (fully) order, newest first: <c>source</c> "gate" (the risk gate refused an order;
/// the strategy is backed off on the instrument until <c>blockedUntil</c>) or "sizing" (the limits left no room; nothing
/// was sent). Each is recorded once per strategy, instrument and cause.
/// </param>
/// <param name="SuppressedIntents">Intents of backed-off strategies that sent nothing (counted, not logged).</param>
public sealed record ConflictReport(
    long Total,
    int Returned,
    IReadOnlyDictionary<string, long> ByCondition,
    IReadOnlyDictionary<string, long> ByResolution,
    IReadOnlyList<ConflictView> Conflicts,
    IReadOnlyList<RefusalView>? Refusals = null,
    long? SuppressedIntents = null);

/// <summary>One refusal (see <see cref="ConflictReport.Refusals"/>).</summary>
/// <param name="Id">Dense record number.</param>
/// <param name="Time">ISO-8601 UTC.</param>
/// <param name="Timestamp">ns since the Unix epoch.</param>
/// <param name="Account">Account name.</param>
/// <param name="Strategy">Strategy id.</param>
/// <param name="Instrument">Symbol.</param>
/// <param name="Source">gate or sizing.</param>
/// <param name="Reason">The risk verdict (MaxQuantity, MaxNotional, PositionLimit, MaxAllocation, MaxLeverage, InsufficientFunds, MarketClosed, …).</param>
/// <param name="Quantity">Gate: the refused order (signed); sizing: the rest of the target that could not be ordered.</param>
/// <param name="Target">The strategy's target position then.</param>
/// <param name="BlockedUntil">Gate: end of the back-off (ISO-8601 UTC).</param>
/// <param name="Level">Gate: refusals since the last fill (the back-off interval doubles with each).</param>
public sealed record RefusalView(
    long Id,
    string? Time,
    long Timestamp,
    string Account,
    string Strategy,
    string Instrument,
    string Source,
    string Reason,
    decimal Quantity,
    decimal Target,
    string? BlockedUntil,
    int Level);

/// <summary>One conflict, names resolved (see <see cref="ConflictReport"/>).</summary>
/// <param name="Id">Dense record number.</param>
/// <param name="Time">ISO-8601 UTC time of the latest intent involved; null when the timestamp is out of range.</param>
/// <param name="Timestamp">The same in ns since the Unix epoch.</param>
/// <param name="Account">Account name.</param>
/// <param name="Instrument">Instrument symbol; null for a band conflict.</param>
/// <param name="AssetClass">STOCK, FOREX or CRYPTO.</param>
/// <param name="Condition">OpposingIntents, ExposureOverlap or AllocationBand.</param>
/// <param name="Resolution">Prioritize, Average, Cancel or Defer.</param>
/// <param name="Strategies">The leading strategy of each side, with its change before and after.</param>
/// <param name="StrategyCount">Strategies whose changes took part.</param>
/// <param name="NetQuantityBefore">The account's net order before the resolution; null for a band conflict.</param>
/// <param name="NetQuantityAfter">The account's net order after it; null for a band conflict.</param>
/// <param name="WeightRequested">Band conflicts: the class weight asked for, percent.</param>
/// <param name="WeightApplied">Band conflicts: the class weight in force afterwards, percent.</param>
/// <param name="Attempt">For held intents: batches already held.</param>
/// <param name="SourceSequence">Input-ring sequence (journal record) behind the leading intent.</param>
/// <param name="AcrossTime">True when the other side is a standing position ordered in an earlier event (role "standing").</param>
public sealed record ConflictView(
    long Id,
    string? Time,
    long Timestamp,
    string Account,
    string? Instrument,
    string AssetClass,
    string Condition,
    string Resolution,
    IReadOnlyList<ConflictStrategyView> Strategies,
    int StrategyCount,
    decimal? NetQuantityBefore,
    decimal? NetQuantityAfter,
    double? WeightRequested,
    double? WeightApplied,
    int Attempt,
    long SourceSequence,
    bool? AcrossTime = null);

/// <summary>A strategy's part in a conflict.</summary>
/// <param name="Id">Strategy id (the document's).</param>
/// <param name="Role">winner / loser (Prioritize), netted (Average), cancelled (Cancel), first / deferred (Defer), kept / reduced (exposure), requester (band).</param>
/// <param name="QuantityBefore">The change it asked for (signed).</param>
/// <param name="QuantityAfter">The change it got.</param>
public sealed record ConflictStrategyView(string Id, string Role, decimal QuantityBefore, decimal QuantityAfter);
