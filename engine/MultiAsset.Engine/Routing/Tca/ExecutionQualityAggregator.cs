using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Routing.Algorithms;

namespace MultiAsset.Engine.Routing.Tca;

/// <summary>
/// Builds the execution-quality report (<c>GET /api/multi-asset/execution/quality</c>) from finished parent-order
/// reports and child-order reports. Off the hot path: it allocates per group and keeps latency samples. Not thread-safe;
/// feed it from one thread (e.g. when answering the query event).
/// </summary>
/// <remarks>
/// Weighting: slippage means are weighted by filled notional at the benchmark price, so a group's figure is its total
/// slippage cost over its total filled notional; the fill rate is Σ filled notional / Σ ordered notional; the
/// implementation shortfall is Σ shortfall / Σ paper notional. Notionals and costs are multiplied by the caller's
/// quote-to-reporting-currency rate so instruments quoted in different currencies add up.
/// </remarks>
public sealed class ExecutionQualityAggregator
{
    private readonly Func<StrategyId, string> strategyName;
    private readonly Func<VenueId, string> venueName;
    private readonly OrderGroupAccumulator overall = new();
    private readonly Dictionary<string, OrderGroupAccumulator> byStrategy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderGroupAccumulator> byAssetClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrderGroupAccumulator> byAlgorithm = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VenueGroupAccumulator> byVenue = new(StringComparer.Ordinal);

    /// <summary>Creates an aggregator; the resolvers name strategies and venues (default: the id number).</summary>
    public ExecutionQualityAggregator(Func<StrategyId, string>? strategyNames = null, Func<VenueId, string>? venueNames = null)
    {
        strategyName = strategyNames ?? (id => id.Value.ToString(CultureInfo.InvariantCulture));
        venueName = venueNames ?? (id => id.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Adds a finished parent order.</summary>
    /// <param name="order">Its report.</param>
    /// <param name="quoteToReporting">Quote-currency → reporting-currency rate (&gt; 0; 1 when they are the same).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive and finite.</exception>
    public void Add(in ParentOrderTcaReport order, double quoteToReporting = 1)
    {
        CheckRate(quoteToReporting);
        overall.Add(order, quoteToReporting);
        Group(byStrategy, strategyName(order.Strategy)).Add(order, quoteToReporting);
        Group(byAssetClass, AssetClassNames.ToSeedName(order.AssetClass)).Add(order, quoteToReporting);
        Group(byAlgorithm, ExecutionAlgorithmNames.ToName(order.Algorithm)).Add(order, quoteToReporting);
    }

    /// <summary>Adds a child order (for the per-venue rows).</summary>
    /// <param name="child">Its report.</param>
    /// <param name="quoteToReporting">Quote-currency → reporting-currency rate (&gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive and finite.</exception>
    public void Add(in ChildOrderTcaReport child, double quoteToReporting = 1)
    {
        CheckRate(quoteToReporting);
        string key = venueName(child.Venue);
        if (!byVenue.TryGetValue(key, out var group))
        {
            group = new VenueGroupAccumulator();
            byVenue.Add(key, group);
        }

        group.Add(child, quoteToReporting);
    }

    /// <summary>The report of everything added so far.</summary>
    public ExecutionQualityResponse Build() => new()
    {
        Overall = overall.Build("all"),
        ByStrategy = Rows(byStrategy),
        ByAssetClass = Rows(byAssetClass),
        ByAlgorithm = Rows(byAlgorithm),
        ByVenue = [.. byVenue.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Build(p.Key))],
    };

    /// <summary>Serialises a report (camelCase, nulls omitted).</summary>
    public static string Serialize(ExecutionQualityResponse response) =>
        JsonSerializer.Serialize(response, ExecutionQualityJsonContext.Default.ExecutionQualityResponse);

    /// <summary>Parses a report (for clients and round-trip tests).</summary>
    /// <exception cref="JsonException">Not a report document.</exception>
    public static ExecutionQualityResponse? ParseResponse(string json) =>
        JsonSerializer.Deserialize(json, ExecutionQualityJsonContext.Default.ExecutionQualityResponse);

    private static OrderGroupAccumulator Group(Dictionary<string, OrderGroupAccumulator> groups, string key)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            group = new OrderGroupAccumulator();
            groups.Add(key, group);
        }

        return group;
    }

    private static ExecutionQualityGroup[] Rows(Dictionary<string, OrderGroupAccumulator> groups) =>
        [.. groups.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.Build(p.Key))];

    private static void CheckRate(double rate)
    {
        if (!(rate > 0) || !double.IsFinite(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "the quote-to-reporting rate must be positive and finite.");
        }
    }
}
