using System.Globalization;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// The parameters of <c>GET /risk/analysis</c>'s portfolio risk measures, from the query string:
/// <c>method</c> (parametric | monteCarlo; default parametric), <c>confidence</c> (a fraction in (0, 1); default 0.99)
/// and <c>horizon</c> (a duration of event time, e.g. 1d, 10d, 1h; default 1d).
/// </summary>
/// <remarks>
/// The live covariance is per interval of the analytics' bar clock (60 s by default), so the horizon in periods is
/// horizon ÷ interval and every method scales by √periods (square-root-of-time, as the library states). Historical
/// simulation needs a return history the live engine does not keep; it is offered by <c>POST /risk/analysis</c>
/// with explicit returns or scenarios.
/// </remarks>
/// <param name="Method">How the loss distribution is obtained.</param>
/// <param name="Confidence">Confidence c.</param>
/// <param name="Horizon">Horizon in event time.</param>
public sealed record LiveRiskParameters(VaRMethod Method, double Confidence, TimeSpan Horizon)
{
    /// <summary>The hedge instruments to try (<c>hedges=</c>, comma-separated); null = <see cref="LiveHedges.DefaultCandidates"/>.</summary>
    public IReadOnlyList<string>? Hedges { get; init; }

    /// <summary>Defaults: parametric, 99 %, one day.</summary>
    public static LiveRiskParameters Default { get; } = new(VaRMethod.Parametric, 0.99, TimeSpan.FromDays(1));

    /// <summary>Longest horizon accepted (a year).</summary>
    public static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(366);

    /// <summary>Parses the query values (null = default); on a bad value returns false with the field and the reason.</summary>
    public static bool TryParse(string? method, string? confidence, string? horizon, out LiveRiskParameters parameters, out string field, out string problem)
        => TryParse(method, confidence, horizon, null, out parameters, out field, out problem);

    /// <summary>As the other overload, with <paramref name="hedges"/> (comma-separated symbols; null = the defaults).</summary>
    public static bool TryParse(string? method, string? confidence, string? horizon, string? hedges, out LiveRiskParameters parameters, out string field, out string problem)
    {
        parameters = Default;
        field = string.Empty;
        problem = string.Empty;
        var chosen = Default.Method;
        switch (method)
        {
            case null or "parametric":
                break;
            case "monteCarlo":
                chosen = VaRMethod.MonteCarlo;
                break;
            case "historical":
                (field, problem) = ("method", "historical simulation needs a return history, which the live engine does not keep: POST /risk/analysis with \"returns\" or \"scenarios\" (live methods: parametric, monteCarlo)");
                return false;
            default:
                (field, problem) = ("method", $"method must be parametric or monteCarlo but is '{method}'");
                return false;
        }

        var c = Default.Confidence;
        if (confidence is not null)
        {
            if (!double.TryParse(confidence, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out c) || !double.IsFinite(c))
            {
                (field, problem) = ("confidence", $"confidence must be a fraction in (0, 1) but is '{confidence}'");
                return false;
            }

            if (c is <= 0 or >= 1)
            {
                (field, problem) = ("confidence", c is >= 50 and < 100
                    ? $"confidence must be a fraction in (0, 1); {confidence} looks like a percent (write {(c / 100).ToString(CultureInfo.InvariantCulture)})"
                    : $"confidence must be a fraction in (0, 1) but is {confidence}");
                return false;
            }
        }

        var h = Default.Horizon;
        if (horizon is not null && (!DurationText.TryParse(horizon, out h) || h <= TimeSpan.Zero || h > MaxHorizon))
        {
            (field, problem) = ("horizon", $"horizon must be a positive duration of at most 366d ({DurationText.Expected}) but is '{horizon}'");
            return false;
        }

        IReadOnlyList<string>? hedgeList = null;
        if (hedges is not null)
        {
            var items = hedges.Split(',', StringSplitOptions.TrimEntries);
            if (items.Any(s => s.Length == 0 || s.Length > 32) || items.Length > 50)
            {
                (field, problem) = ("hedges", $"hedges must be a comma-separated list of at most 50 symbols but is '{hedges}'");
                return false;
            }

            hedgeList = items;
        }

        parameters = new LiveRiskParameters(chosen, c, h) { Hedges = hedgeList };
        return true;
    }

    /// <summary>The library's options for covariance of returns per <paramref name="intervalSeconds"/>.</summary>
    public RiskMeasureOptions Options(double intervalSeconds) => RiskMeasureOptions.Default with
    {
        Method = Method,
        Confidence = Confidence,
        Horizon = Horizon.TotalSeconds / intervalSeconds,
    };
}
