using System.Globalization;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Algorithms.Preview;

/// <summary>Checks a preview request field by field; every error names its JSON field.</summary>
internal static class PreviewRequestValidator
{
    // The Quantity range (8 decimals in a long): a preview must describe an order the engine can actually hold.
    private const decimal MaxQuantity = 92_233_720_368.54775807m;

    // Bounds that keep every product in the cost model finite; each is far beyond any real order.
    private const double MaxSliceSeconds = 86_400;
    private const double MaxPrice = 1e9;
    // A relative volatility per √second above 0.1 (10 % per √s ≈ 2 900 % a day) is a percent or an annual/daily
    // figure sent by mistake (30 % a year ≈ 0.3/√(252·23 400 s) ≈ 1.2e-4 per √s), so it is refused, not clamped.
    private const double MaxVolatility = 0.1;
    private const double MaxCoefficient = 1e9;

    /// <summary>The request in schedule units, or an <see cref="ExecutionPreviewException"/> naming the first bad field.</summary>
    public static PreviewInputs Validate(ExecutionPreviewRequest request)
    {
        var algorithm = ParseAlgorithm(request.Algorithm);
        var side = ParseSide(request.Side);
        decimal lotSize = request.LotSize ?? 1m;
        CheckUnits(lotSize, "lotSize");
        decimal quantity = request.Quantity ?? throw new ExecutionPreviewException("quantity", "quantity is required (instrument units, > 0)");
        CheckUnits(quantity, "quantity");
        if (quantity % lotSize != 0)
        {
            throw new ExecutionPreviewException("quantity", $"quantity {Text(quantity)} is not a whole number of lots (lotSize {Text(lotSize)})");
        }

        decimal lots = quantity / lotSize;
        if (lots > ScheduleRounding.MaxLots)
        {
            throw new ExecutionPreviewException("quantity", $"quantity {Text(quantity)} is {Text(lots)} lots; at most {ScheduleRounding.MaxLots} lots are supported");
        }

        int slices = request.Slices ?? throw new ExecutionPreviewException("slices", "slices is required (number of child slices, ≥ 1)");
        if (slices < 1 || slices > ScheduleRounding.MaxSlices)
        {
            throw new ExecutionPreviewException("slices", $"slices must be between 1 and {ScheduleRounding.MaxSlices} but is {slices}");
        }

        double tau = request.SliceSeconds ?? throw new ExecutionPreviewException("sliceSeconds", "sliceSeconds is required (slice length in seconds, > 0)");
        if (!(tau > 0) || !(tau <= MaxSliceSeconds))
        {
            throw new ExecutionPreviewException("sliceSeconds", $"sliceSeconds must be a positive number of seconds, at most {MaxSliceSeconds} (a day), but is {Text(tau)}");
        }

        double[]? profile = ValidateProfile(request.VolumeProfile, algorithm);
        var model = ValidateModel(request, algorithm, tau);
        var rounding = ParseRounding(request.Rounding);
        return new PreviewInputs(algorithm, side, (long)lots, lotSize, slices, profile, model, rounding);
    }

    /// <summary>The rounding names of the request, as they are written back in the response.</summary>
    public static string Name(PreviewRounding rounding) => rounding switch
    {
        PreviewRounding.LargestRemainder => "largestRemainder",
        PreviewRounding.None => "none",
        _ => "cumulative",
    };

    private static PreviewRounding ParseRounding(string? text)
    {
        if (text is null)
        {
            return PreviewRounding.Cumulative;
        }

        foreach (var r in (ReadOnlySpan<PreviewRounding>)[PreviewRounding.Cumulative, PreviewRounding.LargestRemainder, PreviewRounding.None])
        {
            if (string.Equals(Name(r), text, StringComparison.OrdinalIgnoreCase))
            {
                return r;
            }
        }

        throw new ExecutionPreviewException("rounding", $"rounding '{text}' is not one of cumulative, largestRemainder, none");
    }

    private static ExecutionAlgorithm ParseAlgorithm(string? text)
    {
        if (text is null)
        {
            throw new ExecutionPreviewException("algorithm", $"algorithm is required (one of {ExecutionAlgorithmNames.SeedValues})");
        }

        if (!ExecutionAlgorithmNames.TryParse(text, out var algorithm) || algorithm == ExecutionAlgorithm.Direct)
        {
            throw new ExecutionPreviewException("algorithm", $"algorithm '{text}' is not one of {ExecutionAlgorithmNames.SeedValues}");
        }

        return algorithm;
    }

    private static OrderSide ParseSide(string? text)
    {
        if (string.Equals(text, "Buy", StringComparison.OrdinalIgnoreCase))
        {
            return OrderSide.Buy;
        }

        if (string.Equals(text, "Sell", StringComparison.OrdinalIgnoreCase))
        {
            return OrderSide.Sell;
        }

        throw new ExecutionPreviewException("side", text is null ? "side is required (Buy or Sell)" : $"side '{text}' is not Buy or Sell");
    }

    private static void CheckUnits(decimal value, string field)
    {
        if (value <= 0 || value > MaxQuantity)
        {
            throw new ExecutionPreviewException(field, $"{field} must be in (0, {Text(MaxQuantity)}] but is {Text(value)}");
        }

        if (decimal.Round(value, 8) != value)
        {
            throw new ExecutionPreviewException(field, $"{field} {Text(value)} has more than 8 decimals (the engine's quantity precision)");
        }
    }

    private static double[]? ValidateProfile(IReadOnlyList<double>? profile, ExecutionAlgorithm algorithm)
    {
        if (profile is null)
        {
            return algorithm == ExecutionAlgorithm.Vwap
                ? throw new ExecutionPreviewException("volumeProfile", "volumeProfile is required for VWAP (volume weights of equal buckets across the interval)")
                : null;
        }

        if (profile.Count == 0)
        {
            throw new ExecutionPreviewException("volumeProfile", "volumeProfile is empty: it needs at least one weight");
        }

        var weights = new double[profile.Count];
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double w = profile[i];
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ExecutionPreviewException($"volumeProfile[{i}]", $"volumeProfile[{i}] is {Text(w)}: weights must be finite and non-negative");
            }

            weights[i] = w;
            total += w;
        }

        if (!(total > 0) || !double.IsFinite(total))
        {
            throw new ExecutionPreviewException("volumeProfile", total > 0 ? "volumeProfile weights overflow when summed" : "volumeProfile is all zeros: at least one weight must be positive");
        }

        return weights;
    }

    private static AlmgrenChrissParameters ValidateModel(ExecutionPreviewRequest request, ExecutionAlgorithm algorithm, double tau)
    {
        bool implementation = algorithm == ExecutionAlgorithm.Implementation;
        double volatility = Coefficient(request.Volatility, "volatility", implementation);
        if (volatility > MaxVolatility)
        {
            throw new ExecutionPreviewException(
                "volatility",
                $"volatility {Text(volatility)} looks like a percent or an annual/daily figure: it is a fraction of the price per √second, at most {MaxVolatility} (30 % a year over 252 days of 23 400 s is 0.3/√(252·23400) ≈ 1.2e-4)");
        }

        double eta = Coefficient(request.TemporaryImpact, "temporaryImpact", implementation);
        double gamma = Coefficient(request.PermanentImpact, "permanentImpact", required: false);
        double lambda = Coefficient(request.RiskAversion, "riskAversion", implementation);

        double price = 0;
        if (request.Price is double p)
        {
            if (!(p > 0) || !(p <= MaxPrice))
            {
                throw new ExecutionPreviewException("price", $"price must be a positive number, at most {MaxPrice:G}, but is {Text(p)}");
            }

            price = p;
        }
        else if (volatility > 0)
        {
            throw new ExecutionPreviewException("price", "price is required when volatility > 0 (volatility is relative: σ = volatility × price)");
        }

        double epsilon = Coefficient(request.FixedCostPerUnit, "fixedCostPerUnit", required: false);
        if (price > 0 && epsilon >= price)
        {
            throw new ExecutionPreviewException("fixedCostPerUnit", $"fixedCostPerUnit {Text(epsilon)} is at least the price {Text(price)}: it is a cost per unit in quote currency (half spread plus fees), not a percent or a total");
        }

        double sigma = volatility * price;
        if (!double.IsFinite(sigma))
        {
            throw new ExecutionPreviewException("volatility", "volatility × price overflows");
        }

        var model = new AlmgrenChrissParameters(tau, sigma, eta, gamma, lambda, epsilon);
        if (model.AdjustedTemporaryImpact < 0)
        {
            throw new ExecutionPreviewException(
                "temporaryImpact",
                $"temporaryImpact {Text(eta)} is below permanentImpact × sliceSeconds / 2 = {Text(0.5 * gamma * tau)}: η̃ = η − γτ/2 must be ≥ 0");
        }

        return model;
    }

    private static double Coefficient(double? value, string field, bool required)
    {
        if (value is not double v)
        {
            return required ? throw new ExecutionPreviewException(field, $"{field} is required for Implementation") : 0;
        }

        if (!(v >= 0) || !(v <= MaxCoefficient))
        {
            throw new ExecutionPreviewException(field, $"{field} must be a number in [0, {MaxCoefficient:G}] but is {Text(v)}");
        }

        return v;
    }

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
