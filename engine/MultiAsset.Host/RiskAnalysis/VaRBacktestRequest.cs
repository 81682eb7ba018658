using System.Globalization;
using System.Text.Json;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// The body of <c>POST /risk/var-backtest</c>: a realised daily P&amp;L series and the VaR forecast made for each day,
/// <c>{ "realisedPnl": [..], "valueAtRisk": [..], "confidence": 0.99 }</c> (oldest first; profit positive; VaR
/// positive = the loss threshold). Read strictly: unknown keys, numbers as strings, non-finite values, a negative
/// VaR, series of different lengths or a confidence that looks like a percent are refused naming the field.
/// </summary>
/// <param name="RealisedPnl">Daily P&amp;L.</param>
/// <param name="ValueAtRisk">The VaR forecast of each day.</param>
/// <param name="Confidence">Confidence of the forecasts.</param>
public sealed record VaRBacktestRequest(IReadOnlyList<double> RealisedPnl, IReadOnlyList<double> ValueAtRisk, double Confidence)
{
    /// <summary>Most days in one request (about 400 years of trading days).</summary>
    public const int MaxDays = 100_000;

    /// <summary>Parses <paramref name="json"/>; false with the field and the reason on the first problem.</summary>
    public static bool TryParse(string json, out VaRBacktestRequest? request, out string field, out string problem)
    {
        request = null;
        (field, problem) = ("$", string.Empty);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            problem = $"the body is not valid JSON ({e.Message})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "expected a JSON object { \"realisedPnl\": [...], \"valueAtRisk\": [...], \"confidence\": 0.99 }";
                return false;
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("realisedPnl" or "valueAtRisk" or "confidence"))
                {
                    (field, problem) = (property.Name, $"unknown field '{property.Name}' (expected realisedPnl, valueAtRisk, confidence)");
                    return false;
                }
            }

            if (!Series(root, "realisedPnl", allowNegative: true, out var pnl, ref field, ref problem)
                || !Series(root, "valueAtRisk", allowNegative: false, out var var, ref field, ref problem))
            {
                return false;
            }

            if (pnl.Length != var.Length)
            {
                (field, problem) = ("valueAtRisk", $"valueAtRisk has {var.Length} values but realisedPnl has {pnl.Length}; give one forecast per day");
                return false;
            }

            var confidence = 0.99;
            if (root.TryGetProperty("confidence", out var c))
            {
                if (c.ValueKind != JsonValueKind.Number || !c.TryGetDouble(out confidence) || !double.IsFinite(confidence))
                {
                    (field, problem) = ("confidence", "confidence must be a number (a fraction in (0, 1))");
                    return false;
                }

                if (confidence is <= 0 or >= 1)
                {
                    (field, problem) = ("confidence", confidence is >= 50 and < 100
                        ? $"confidence must be a fraction in (0, 1); {confidence.ToString(CultureInfo.InvariantCulture)} looks like a percent"
                        : $"confidence must be a fraction in (0, 1) but is {confidence.ToString(CultureInfo.InvariantCulture)}");
                    return false;
                }
            }

            request = new VaRBacktestRequest(pnl, var, confidence);
            return true;
        }
    }

    /// <summary>Runs the Kupiec and Christoffersen tests (<see cref="VaRBacktest"/>).</summary>
    public VaRBacktestResult Run() => VaRBacktest.Run(RealisedPnl, ValueAtRisk, Confidence);

    private static bool Series(JsonElement root, string name, bool allowNegative, out double[] values, ref string field, ref string problem)
    {
        values = [];
        if (!root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            (field, problem) = (name, $"{name} is required: an array of numbers, oldest day first");
            return false;
        }

        var count = array.GetArrayLength();
        if (count is 0 or > MaxDays)
        {
            (field, problem) = (name, $"{name} must hold 1 to {MaxDays} values but holds {count}");
            return false;
        }

        values = new double[count];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out values[i]) || !double.IsFinite(values[i]))
            {
                (field, problem) = ($"{name}[{i}]", "must be a finite number (not a string)");
                return false;
            }

            if (!allowNegative && values[i] < 0)
            {
                (field, problem) = ($"{name}[{i}]", "a VaR forecast is a loss threshold and cannot be negative");
                return false;
            }

            i++;
        }

        return true;
    }
}
