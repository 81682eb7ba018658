using System.Text.Json;
using System.Text.Json.Serialization;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Portfolio.Optimization.Rebalancing;

/// <summary>
/// The body of a <c>SetTargetWeights</c> command (and of the seed's <c>POST /api/multi-asset/rebalance</c>):
/// <c>{ "strategy": "id", "account": "name"?, "action": "Rebalance|HedgeRisk|TakeProfit"?, "allowShort": false?, "weights": { "SPY": 0.25, ... } }</c>.
/// Weights are fractions of the strategy's capital in [0, 1]; with <c>allowShort: true</c>, in [−1, 1] (negative = short).
/// </summary>
/// <remarks>
/// Strict: unknown fields, keys written twice, strings where numbers belong and action numbers are errors
/// (<see cref="Parse"/>); <see cref="FindProblem"/> checks the values, naming the field.
/// </remarks>
public sealed record TargetWeightsRequest
{
    /// <summary>Most weights in one request.</summary>
    public const int MaxWeights = 1_000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The strategy id.</summary>
    public required string Strategy { get; init; }

    /// <summary>The account, when the sender wants it checked against the strategy's.</summary>
    public string? Account { get; init; }

    /// <summary>What asked for the weights.</summary>
    public RebalanceAction Action { get; init; } = RebalanceAction.Rebalance;

    /// <summary>Whether negative weights (shorts) are intended; without it a negative weight is an error.</summary>
    public bool AllowShort { get; init; }

    /// <summary>Target weight per symbol.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>The request as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses a request; <see cref="JsonException"/> names what is wrong (its path, when the serializer knows it).</summary>
    public static TargetWeightsRequest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = JsonDocument.Parse(json))
        {
            if (StrictJson.FindProblem(document.RootElement) is { } problem)
            {
                throw new JsonException($"{problem.Path}: {problem.Message}", problem.Path == "$" ? "$" : "$." + problem.Path, null, null);
            }
        }

        return JsonSerializer.Deserialize<TargetWeightsRequest>(json, Options) ?? throw new JsonException("The request is empty.");
    }

    /// <summary>The first invalid value (field path and message), or null: ids per <see cref="IdentifierRules"/>, 1 to <see cref="MaxWeights"/> finite weights in range.</summary>
    public (string Field, string Message)? FindProblem()
    {
        if (!IdentifierRules.IsValid(Strategy, out var reason))
        {
            return ("strategy", $"{IdentifierRules.Quote(Strategy)} is not a strategy id: it {reason}");
        }

        if (Account is not null && !IdentifierRules.IsValid(Account, out reason))
        {
            return ("account", $"{IdentifierRules.Quote(Account)} is not an account id: it {reason}");
        }

        if (!Enum.IsDefined(Action))
        {
            return ("action", "expected Rebalance, HedgeRisk or TakeProfit");
        }

        if (Weights.Count is 0 or > MaxWeights)
        {
            return ("weights", $"between 1 and {MaxWeights} weights");
        }

        var low = AllowShort ? -1.0 : 0.0;
        foreach (var (symbol, weight) in Weights)
        {
            var field = StrictJson.Join("weights", symbol);
            if (!IdentifierRules.IsValid(symbol, out reason))
            {
                return (field, $"{IdentifierRules.Quote(symbol)} is not a symbol: it {reason}");
            }

            if (!double.IsFinite(weight) || weight < low || weight > 1)
            {
                return (field, $"{weight} is not a weight: a fraction of capital in [{low}, 1]{(AllowShort ? string.Empty : " (declare allowShort: true for negative weights)")}");
            }
        }

        return null;
    }
}
