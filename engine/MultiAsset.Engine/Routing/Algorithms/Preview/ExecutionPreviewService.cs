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
/// known live, see <see cref="LiquiditySweepPlanner"/>). ε (fixedCostPerUnit) adds ε·X to E; both are reported.
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
            string path = StrictJson.ErrorPath(e) is { Length: > 0 } p ? p : "$";
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

    /// <summary>Computes the schedule, its exact trajectory, and their expected cost and variance.</summary>
    /// <exception cref="ExecutionPreviewException">The request is invalid.</exception>
    public static ExecutionPreviewResponse Preview(ExecutionPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = PreviewRequestValidator.Validate(request);
        int n = inputs.Slices;
        var model = inputs.Model;
        double unitsPerLot = (double)inputs.LotSize;
        double bigX = inputs.Lots * unitsPerLot;

        // The exact schedule: cumulative fractions F_0 = 0 … F_N = 1, then holdings x_k = X(1 − F_k) and trades n_k.
        var remaining = RemainingFractions(inputs);
        var holdings = new double[n + 1];
        var trades = new double[n];
        for (int k = 0; k <= n; k++)
        {
            holdings[k] = bigX * remaining[k];
        }

        for (int k = 0; k < n; k++)
        {
            trades[k] = holdings[k] - holdings[k + 1];
        }

        var exact = ScheduleCostModel.EvaluateExact(trades, holdings, model);
        var exactNoFixed = ScheduleCostModel.EvaluateExact(trades, holdings, model with { FixedCostPerUnit = 0 });

        var children = new List<ExecutionPreviewChild>();
        ScheduleCost cost, costNoFixed;
        if (inputs.Rounding == PreviewRounding.None)
        {
            for (int j = 0; j < n; j++)
            {
                if (trades[j] != 0)
                {
                    children.Add(new ExecutionPreviewChild { OffsetSeconds = j * model.SliceSeconds, Quantity = (decimal)trades[j] });
                }
            }

            cost = exact;
            costNoFixed = exactNoFixed;
        }
        else
        {
            var lots = new long[n];
            if (inputs.Rounding == PreviewRounding.Cumulative)
            {
                Schedule(inputs, lots);
            }
            else
            {
                LargestRemainder(inputs, remaining, lots);
            }

            for (int j = 0; j < lots.Length; j++)
            {
                if (lots[j] != 0)
                {
                    children.Add(new ExecutionPreviewChild { OffsetSeconds = j * model.SliceSeconds, Quantity = lots[j] * inputs.LotSize });
                }
            }

            cost = ScheduleCostModel.Evaluate(lots, unitsPerLot, model);
            costNoFixed = ScheduleCostModel.Evaluate(lots, unitsPerLot, model with { FixedCostPerUnit = 0 });
        }

        if (!double.IsFinite(cost.ExpectedCost) || !double.IsFinite(cost.Variance) || !double.IsFinite(exact.ExpectedCost) || !double.IsFinite(exact.Variance))
        {
            // The inputs are each in range, but together they overflow the cost model (a last resort; JSON has no ∞).
            throw new ExecutionPreviewException("$", "the expected cost or its variance overflows a double with these inputs; reduce quantity, price, volatility or the impact coefficients");
        }

        double kappaTau = AlmgrenChriss.KappaTau(model);
        double? kappa = double.IsFinite(kappaTau) ? kappaTau / model.SliceSeconds : null;
        double lambdaSigma2 = model.RiskAversion * model.Volatility * model.Volatility;
        double? kappaContinuous = lambdaSigma2 == 0 ? 0
            : model.AdjustedTemporaryImpact > 0 ? Math.Sqrt(lambdaSigma2 / model.AdjustedTemporaryImpact) : null;
        if (kappaContinuous is double kc && !double.IsFinite(kc))
        {
            kappaContinuous = null;
        }

        return new ExecutionPreviewResponse
        {
            Children = children,
            ExpectedCost = cost.ExpectedCost,
            ExpectedCostWithoutFixedCost = costNoFixed.ExpectedCost,
            FixedCost = cost.ExpectedCost - costNoFixed.ExpectedCost,
            CostVariance = cost.Variance,
            Rounding = PreviewRequestValidator.Name(inputs.Rounding),
            FixedCostPerUnit = model.FixedCostPerUnit,
            Kappa = kappa,
            KappaContinuous = kappaContinuous,
            HalfLifeSeconds = kappa is double kap && kap > 0 ? 1 / kap : null,
            Trajectory = new ExecutionPreviewTrajectory
            {
                Holdings = holdings,
                Trades = trades,
                ExpectedCost = exact.ExpectedCost,
                ExpectedCostWithoutFixedCost = exactNoFixed.ExpectedCost,
                CostVariance = exact.Variance,
            },
        };
    }

    /// <summary>1 − F_k, the fraction of the parent still to trade after slice k (k = 0..N), of the algorithm's exact schedule.</summary>
    private static double[] RemainingFractions(PreviewInputs inputs)
    {
        int n = inputs.Slices;
        var r = new double[n + 1];
        r[0] = 1;
        switch (inputs.Algorithm)
        {
            case ExecutionAlgorithm.Implementation:
                AlmgrenChriss.HoldingFractions(inputs.Model, r);
                break;
            case ExecutionAlgorithm.Vwap:
            case ExecutionAlgorithm.Momentum when inputs.Profile is not null:
                VwapSchedule.CumulativeFractions(inputs.Profile!, r.AsSpan(1));
                for (int k = 1; k <= n; k++)
                {
                    r[k] = 1 - r[k];
                }

                break;
            case ExecutionAlgorithm.Liquidity:
                break; // r[1..] = 0: everything in the first slice
            default: // TWAP, and Momentum without a profile
                for (int k = 1; k <= n; k++)
                {
                    r[k] = (double)(n - k) / n;
                }

                break;
        }

        r[n] = 0;
        return r;
    }

    /// <summary>
    /// Largest-remainder (Hamilton) apportionment: slice j's target is L·(F_j − F_{j−1}) lots; each child gets the floor
    /// and the lots left over go one each to the largest fractional remainders (ties to the earlier slice). TWAP is done
    /// in exact integers (all remainders equal: the first L mod N slices get the extra lot).
    /// </summary>
    private static void LargestRemainder(PreviewInputs inputs, double[] remaining, Span<long> lots)
    {
        int n = lots.Length;
        long total = inputs.Lots;
        bool twap = inputs.Algorithm == ExecutionAlgorithm.Twap || (inputs.Algorithm == ExecutionAlgorithm.Momentum && inputs.Profile is null);
        if (twap)
        {
            long q = Math.DivRem(total, n, out long rest);
            for (int j = 0; j < n; j++)
            {
                lots[j] = q + (j < rest ? 1 : 0);
            }

            return;
        }

        var fraction = new double[n];
        long assigned = 0;
        for (int j = 0; j < n; j++)
        {
            double target = Math.Max(0, total * (remaining[j] - remaining[j + 1]));
            double floor = Math.Floor(target);
            long whole = Math.Min(total, (long)floor);
            lots[j] = whole;
            fraction[j] = target - floor;
            assigned += whole;
        }

        long leftover = total - assigned;
        // Remainders are compared at 1e-9 of a lot, so floating-point noise in the targets (1/3 vs 0.33333333333333337)
        // cannot break a tie that is exact on paper: equal remainders go to the earlier slice.
        var key = new long[n];
        for (int j = 0; j < n; j++)
        {
            key[j] = (long)Math.Round(fraction[j] * 1e9);
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => key[a] != key[b] ? key[b].CompareTo(key[a]) : a.CompareTo(b));

        // leftover is in [0, N) up to floating-point noise in the targets; the loops below absorb that noise either way.
        for (int i = 0; leftover > 0; i = (i + 1) % n)
        {
            lots[order[i]]++;
            leftover--;
        }

        for (int i = n - 1; leftover < 0; i = (i + n - 1) % n)
        {
            if (lots[order[i]] > 0)
            {
                lots[order[i]]--;
                leftover++;
            }
        }
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
