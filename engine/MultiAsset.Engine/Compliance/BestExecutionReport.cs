using System.Globalization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Compliance;

/// <summary>
/// Best execution, in the spirit of RTS 27/28: per asset class, currency, venue and execution algorithm, over the parent
/// orders created in the scope — how much was routed and filled, at what price against the arrival price, the child
/// limit and the interval VWAP, how fast the venue acknowledged, and what it cost; venues ranked per class and currency
/// by filled notional.
/// </summary>
/// <remarks>
/// <para>Conventions (side s = +1 buy, −1 sell; q, p = fill quantity and price; every sum over the group's fills):</para>
/// <list type="bullet">
/// <item><c>fillRate</c> = filled ÷ routed quantity (children routed to the venue).</item>
/// <item><c>slippageVsArrivalBps</c> = 10⁴ · Σ s·q·(p − arrival) ÷ Σ q·arrival: positive = paid more (bought higher,
/// sold lower) than the arrival price (the parent's limit, or the reference mid a market order was decided on).</item>
/// <item><c>priceImprovementBps</c> = 10⁴ · Σ s·q·(limit − p) ÷ Σ q·limit over fills of limit children: positive = better
/// than the child's limit. Empty when the group has no limit child fill.</item>
/// <item><c>slippageVsIntervalVwapBps</c> = 10⁴ · Σ s·q·(p − vwap) ÷ Σ q·vwap, with vwap the parent's interval VWAP
/// (from its creation to its last event; <see cref="JournalMarketTape"/>) — only parents whose interval traded volume,
/// and only when the journal is given.</item>
/// <item><c>ackLatencyMeanUs</c>/<c>ackLatencyMaxUs</c>: venue acknowledgement time − routing time of the children
/// (engine time, µs).</item>
/// <item><c>fees</c> and <c>slippageCost</c> = Σ s·q·(p − arrival), in the group's currency (the instruments' quote
/// currency: groups are per currency so amounts are never summed across currencies).</item>
/// <item><c>rankInClass</c>: 1 = the venue with the largest filled notional in its class and currency (ties by name).</item>
/// </list>
/// </remarks>
public static class BestExecutionReport
{
    /// <summary>The report's columns.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "assetClass", "currency", "venue", "algorithm", "rankInClass", "parentOrders", "childOrders", "rejectedChildren", "routedQuantity",
        "filledQuantity", "fillRate", "filledNotional", "volumeSharePercent", "slippageVsArrivalBps", "priceImprovementBps", "slippageVsIntervalVwapBps",
        "ackLatencyMeanUs", "ackLatencyMaxUs", "fees", "slippageCost",
    ];

    /// <summary>Builds the report from folded orders; <paramref name="vwaps"/> holds each order's interval VWAP (same order), or null.</summary>
    public static ReportTable Build(IReadOnlyList<OrderLifecycle> orders, ReportNames names, decimal?[]? vwaps, string? scope = null)
    {
        var groups = new Dictionary<(string Class, string Currency, string Venue, string Algorithm), Group>();
        for (var o = 0; o < orders.Count; o++)
        {
            var order = orders[o];
            var vwap = vwaps is not null && o < vwaps.Length ? vwaps[o] : null;
            decimal arrival = Price.FromRaw(order.ArrivalPrice).ToDecimal();
            decimal side = order.Side == OrderSide.Sell ? -1 : 1;
            var seenVenues = new HashSet<int>();
            foreach (var child in order.Children)
            {
                var key = (names.AssetClass(order.Instrument), names.Currency(order.Instrument), names.Venue(child.Venue), AlgorithmName(order.Algorithm));
                if (!groups.TryGetValue(key, out var g))
                {
                    groups[key] = g = new Group();
                }

                if (seenVenues.Add(child.Venue))
                {
                    g.Parents++;
                }

                g.Children++;
                g.Rejected += child.Rejected ? 1 : 0;
                g.Routed += Quantity.FromRaw(child.Routed).ToDecimal();
                var q = Quantity.FromRaw(child.Filled).ToDecimal();
                g.Filled += q;
                g.Notional += child.FilledNotional;
                g.Fees += child.Fees;
                if (q > 0 && arrival > 0)
                {
                    g.ArrivalCost += side * (child.FilledNotional - (q * arrival));
                    g.ArrivalBase += q * arrival;
                }

                var limit = Price.FromRaw(child.Limit).ToDecimal();
                if (q > 0 && limit > 0 && child.Type is OrderType.Limit or OrderType.ImmediateOrCancel)
                {
                    g.Improvement += side * ((q * limit) - child.FilledNotional);
                    g.ImprovementBase += q * limit;
                }

                if (q > 0 && vwap is { } v and > 0)
                {
                    g.VwapCost += side * (child.FilledNotional - (q * v));
                    g.VwapBase += q * v;
                }

                if (child.AckAt is { } ack)
                {
                    var micros = (ack - child.RoutedAt) / 1_000m;
                    g.Acks++;
                    g.AckSum += micros;
                    g.AckMax = Math.Max(g.AckMax, micros);
                }
            }
        }

        var totals = groups.GroupBy(kv => (kv.Key.Class, kv.Key.Currency)).ToDictionary(x => x.Key, x => x.Sum(kv => kv.Value.Notional));
        var venueNotional = groups.GroupBy(kv => (kv.Key.Class, kv.Key.Currency, kv.Key.Venue)).ToDictionary(x => x.Key, x => x.Sum(kv => kv.Value.Notional));
        var ranks = venueNotional.GroupBy(kv => (kv.Key.Class, kv.Key.Currency))
            .SelectMany(x => x.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Venue, StringComparer.Ordinal).Select((kv, i) => (kv.Key, Rank: i + 1)))
            .ToDictionary(x => x.Key, x => x.Rank);

        var table = new ReportTable("best-execution", Columns) { Scope = scope };
        foreach (var (key, g) in groups.OrderBy(kv => kv.Key.Class, StringComparer.Ordinal).ThenBy(kv => kv.Key.Currency, StringComparer.Ordinal)
                     .ThenBy(kv => ranks[(kv.Key.Class, kv.Key.Currency, kv.Key.Venue)]).ThenBy(kv => kv.Key.Algorithm, StringComparer.Ordinal))
        {
            var total = totals[(key.Class, key.Currency)];
            table.Add(
                key.Class, key.Currency, key.Venue, key.Algorithm, Text(ranks[(key.Class, key.Currency, key.Venue)]), Text(g.Parents), Text(g.Children), Text(g.Rejected),
                Text(g.Routed), Text(g.Filled), Ratio(g.Filled, g.Routed, 1), Text(g.Notional), Ratio(g.Notional, total, 100),
                Ratio(g.ArrivalCost, g.ArrivalBase, 10_000), Ratio(g.Improvement, g.ImprovementBase, 10_000), Ratio(g.VwapCost, g.VwapBase, 10_000),
                g.Acks == 0 ? null : Text(Math.Round(g.AckSum / g.Acks, 3)), g.Acks == 0 ? null : Text(g.AckMax), Text(g.Fees), Text(g.ArrivalCost));
        }

        return table;
    }

    /// <summary>The algorithm's name as the API spells it.</summary>
    internal static string AlgorithmName(ExecutionAlgorithm algorithm) => algorithm.ToString();

    /// <summary>An exact decimal without trailing zeros (1.50000000 → 1.5): dividing by 1.000… drops the scale, not digits.</summary>
    internal static string Text(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>numerator ÷ denominator × scale, rounded to 6 decimals; empty when the denominator is 0.</summary>
    internal static string? Ratio(decimal numerator, decimal denominator, decimal scale)
        => denominator == 0 ? null : Text(Math.Round(numerator / denominator * scale, 6, MidpointRounding.AwayFromZero));

    private sealed class Group
    {
        public long Parents;
        public long Children;
        public long Rejected;
        public decimal Routed;
        public decimal Filled;
        public decimal Notional;
        public decimal Fees;
        public decimal ArrivalCost;
        public decimal ArrivalBase;
        public decimal Improvement;
        public decimal ImprovementBase;
        public decimal VwapCost;
        public decimal VwapBase;
        public long Acks;
        public decimal AckSum;
        public decimal AckMax;
    }
}
