using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>
/// The body of a <c>SetTargetWeights</c> command (and of the seed's <c>POST /api/multi-asset/rebalance</c>):
/// <c>{ "strategy": "id", "account": "name"?, "action": "Rebalance|HedgeRisk|TakeProfit"?, "weights": { "SPY": 0.25, ... } }</c>.
/// Weights are fractions of the strategy's capital, signed (negative = short).
/// </summary>
public sealed record TargetWeightsRequest
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The strategy id.</summary>
    public required string Strategy { get; init; }

    /// <summary>The account, when the sender wants it checked against the strategy's.</summary>
    public string? Account { get; init; }

    /// <summary>What asked for the weights.</summary>
    public RebalanceAction Action { get; init; } = RebalanceAction.Rebalance;

    /// <summary>Target weight per symbol.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>The request as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses a request; <see cref="JsonException"/> names what is wrong.</summary>
    public static TargetWeightsRequest Parse(string json) => JsonSerializer.Deserialize<TargetWeightsRequest>(json, Options)
        ?? throw new JsonException("The request is empty.");
}
