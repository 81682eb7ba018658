using System.Text.Json;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Routing.Algorithms.Preview;

/// <summary>
/// Library entry point of the pre-trade schedule preview: JSON in, JSON out (camelCase). Computes the child schedule of
/// the requested algorithm and prices it with the Almgren–Chriss model, the same for every algorithm, so previews of
/// different algorithms compare. Off the hot path; allocates freely. Bad requests throw
/// <see cref="ExecutionPreviewException"/> naming the JSON field.
/// </summary>
/// <remarks>
/// Schedules: TWAP = equal slices; VWAP = the volume profile; Implementation = the Almgren–Chriss optimal trajectory;
/// Momentum = its neutral-signal plan (participation proportional to expected volume, i.e. the volume profile, or equal
/// slices without one; live, the schedule bends with the signal, see <see cref="MomentumScheduler"/>);
/// Liquidity = the whole order in the first slice (the sweep takes the displayed depth at once; actual depth is only
/// known live, see <see cref="LiquiditySweepPlanner"/>). The cost model takes ε = 0 (no fixed cost per unit).
/// </remarks>
public static class ExecutionPreviewService
{
    /// <summary>Parses a request; malformed JSON, wrong types and unknown fields throw with the JSON path.</summary>
    /// <exception cref="ExecutionPreviewException">The JSON is not a valid request document.</exception>
    public static ExecutionPreviewRequest ParseRequest(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (StrictJson.FindProblem(document.RootElement) is { } problem)
                {
                    throw new ExecutionPreviewException(problem.Path, $"{problem.Path}: {problem.Message}");
                }
            }

            return JsonSerializer.Deserialize(json, ExecutionPreviewJsonContext.Default.ExecutionPreviewRequest)
                ?? throw new ExecutionPreviewException("$", "request body is null");
        }
        catch (JsonException e)
        {
            string path = e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "$";
            throw new ExecutionPreviewException(path, $"invalid JSON at {path}: {e.Message}", e);
        }
    }

    /// <summary>Parses a response (for clients and round-trip tests).</summary>
    /// <exception cref="JsonException">The JSON is not a response document.</exception>
    public static ExecutionPreviewResponse? ParseResponse(string json) =>
        JsonSerializer.Deserialize(json, ExecutionPreviewJsonContext.Default.ExecutionPreviewResponse);

    /// <summary>Serialises a request (camelCase, nulls omitted).</summary>
    public static string Serialize(ExecutionPreviewRequest request) =>
        JsonSerializer.Serialize(request, ExecutionPreviewJsonContext.Default.ExecutionPreviewRequest);

    /// <summary>Serialises a response (camelCase).</summary>
    public static string Serialize(ExecutionPreviewResponse response) =>
        JsonSerializer.Serialize(response, ExecutionPreviewJsonContext.Default.ExecutionPreviewResponse);

    /// <summary>JSON in, JSON out.</summary>
    /// <exception cref="ExecutionPreviewException">The request is invalid.</exception>
    public static string PreviewJson(string json) => Serialize(Preview(ParseRequest(json)));

    /// <summary>Computes the schedule and its expected cost and variance.</summary>
    /// <exception cref="ExecutionPreviewException">The request is invalid.</exception>
    public static ExecutionPreviewResponse Preview(ExecutionPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = PreviewRequestValidator.Validate(request);
        var lots = new long[inputs.Slices];
        Schedule(inputs, lots);

        var cost = ScheduleCostModel.Evaluate(lots, (double)inputs.LotSize, inputs.Model);
        var children = new List<ExecutionPreviewChild>();
        for (int j = 0; j < lots.Length; j++)
        {
            if (lots[j] != 0)
            {
                children.Add(new ExecutionPreviewChild { OffsetSeconds = j * inputs.Model.SliceSeconds, Quantity = lots[j] * inputs.LotSize });
            }
        }

        if (!double.IsFinite(cost.ExpectedCost) || !double.IsFinite(cost.Variance))
        {
            // The inputs are each in range, but together they overflow the cost model (a last resort; JSON has no ∞).
            throw new ExecutionPreviewException("$", "the expected cost or its variance overflows a double with these inputs; reduce quantity, price, volatility or the impact coefficients");
        }

        return new ExecutionPreviewResponse { Children = children, ExpectedCost = cost.ExpectedCost, CostVariance = cost.Variance };
    }

    private static void Schedule(PreviewInputs inputs, Span<long> lots)
    {
        switch (inputs.Algorithm)
        {
            case ExecutionAlgorithm.Vwap:
                VwapSchedule.Compute(inputs.Lots, inputs.Profile, lots);
                break;
            case ExecutionAlgorithm.Implementation:
                AlmgrenChriss.Compute(inputs.Lots, inputs.Model, lots);
                break;
            case ExecutionAlgorithm.Momentum when inputs.Profile is not null:
                VwapSchedule.Compute(inputs.Lots, inputs.Profile, lots);
                break;
            case ExecutionAlgorithm.Liquidity:
                lots.Clear();
                lots[0] = inputs.Lots;
                break;
            default: // TWAP, and Momentum without a profile
                TwapSchedule.Compute(inputs.Lots, lots);
                break;
        }
    }
}
