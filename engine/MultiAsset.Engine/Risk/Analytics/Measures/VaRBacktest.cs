using MathNet.Numerics.Distributions;

namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Basel traffic-light zone of a VaR backtest.</summary>
public enum TrafficLightZone
{
    /// <summary>Exceptions consistent with the model (cumulative binomial probability &lt; 95%).</summary>
    Green,

    /// <summary>Cumulative binomial probability in [95%, 99.99%).</summary>
    Yellow,

    /// <summary>Cumulative binomial probability ≥ 99.99%.</summary>
    Red,
}

/// <summary>The result of <see cref="VaRBacktest.Run"/>.</summary>
public sealed record VaRBacktestResult
{
    /// <summary>Observations T.</summary>
    public int Observations { get; init; }

    /// <summary>Confidence c of the forecasts; the expected exception rate is p = 1 − c.</summary>
    public double Confidence { get; init; }

    /// <summary>Exceptions x: days with loss −P&amp;L strictly greater than the VaR forecast.</summary>
    public int Exceptions { get; init; }

    /// <summary>x / T.</summary>
    public double ExceptionRate { get; init; }

    /// <summary>Kupiec proportion-of-failures LR (χ²(1) under the null).</summary>
    public double KupiecStatistic { get; init; }

    /// <summary>P(χ²(1) ≥ KupiecStatistic).</summary>
    public double KupiecPValue { get; init; }

    /// <summary>Christoffersen independence LR (χ²(1)).</summary>
    public double IndependenceStatistic { get; init; }

    /// <summary>P(χ²(1) ≥ IndependenceStatistic).</summary>
    public double IndependencePValue { get; init; }

    /// <summary>Conditional coverage LR = Kupiec + independence (χ²(2)).</summary>
    public double ConditionalCoverageStatistic { get; init; }

    /// <summary>P(χ²(2) ≥ ConditionalCoverageStatistic).</summary>
    public double ConditionalCoveragePValue { get; init; }

    /// <summary>Transition counts n00, n01, n10, n11 of consecutive days (i → j: exception state i then j).</summary>
    public required IReadOnlyList<int> Transitions { get; init; }

    /// <summary>Basel traffic-light zone.</summary>
    public TrafficLightZone Zone { get; init; }
}

/// <summary>
/// Backtests a VaR forecast series against the realised P&amp;L of the same days (forecast t made for day t).
/// </summary>
/// <remarks>
/// Exception on day t: −pnl_t &gt; var_t (strictly). With p = 1 − c and π̂ = x/T, Kupiec's
/// LR_POF = −2·[(T − x)·ln(1 − p) + x·ln p − (T − x)·ln(1 − π̂) − x·ln π̂]. Christoffersen's independence test on the
/// T − 1 consecutive pairs with counts n_ij, π01 = n01/(n00 + n01), π11 = n11/(n10 + n11), π = (n01 + n11)/(T − 1):
/// LR_ind = −2·[(n00 + n10)·ln(1 − π) + (n01 + n11)·ln π − n00·ln(1 − π01) − n01·ln π01 − n10·ln(1 − π11) − n11·ln π11];
/// LR_cc = LR_POF + LR_ind. Convention: 0·ln 0 = 0 (a term whose count is zero is zero), and a ratio with an empty
/// denominator is 0; hence no exceptions, only exceptions and T = 1 (no pairs, LR_ind = 0) give finite statistics.
/// Statistics are clamped at 0 against rounding. p-values are χ² upper tails (MathNet). Zone: by the cumulative
/// binomial probability P(X ≤ x) with X ~ Bin(T, p): below 0.95 green, below 0.9999 yellow, else red — for T = 250 and
/// c = 0.99 that is the Basel table: green 0–4, yellow 5–9, red ≥ 10.
/// </remarks>
public static class VaRBacktest
{
    /// <summary>Runs the tests.</summary>
    /// <param name="realisedPnl">Daily P&amp;L (profit positive), oldest first.</param>
    /// <param name="valueAtRisk">VaR forecasts for the same days (positive = loss threshold).</param>
    /// <param name="confidence">Confidence of the forecasts, in (0, 1).</param>
    public static VaRBacktestResult Run(IReadOnlyList<double> realisedPnl, IReadOnlyList<double> valueAtRisk, double confidence)
    {
        ArgumentNullException.ThrowIfNull(realisedPnl);
        ArgumentNullException.ThrowIfNull(valueAtRisk);
        if (realisedPnl.Count != valueAtRisk.Count)
        {
            throw new RiskMeasureInputException("valueAtRisk", $"valueAtRisk has {valueAtRisk.Count} values, realisedPnl has {realisedPnl.Count}");
        }

        if (realisedPnl.Count == 0)
        {
            throw new RiskMeasureInputException("realisedPnl", "realisedPnl must not be empty");
        }

        if (!(confidence > 0 && confidence < 1))
        {
            throw new RiskMeasureInputException("confidence", $"confidence must be a fraction in (0,1), got {confidence}");
        }

        int t = realisedPnl.Count;
        var hit = new bool[t];
        int x = 0;
        for (int d = 0; d < t; d++)
        {
            if (!double.IsFinite(realisedPnl[d]) || !double.IsFinite(valueAtRisk[d]))
            {
                throw new RiskMeasureInputException($"day {d}", $"day {d}: P&L and VaR must be finite numbers");
            }

            hit[d] = -realisedPnl[d] > valueAtRisk[d];
            x += hit[d] ? 1 : 0;
        }

        int n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (int d = 1; d < t; d++)
        {
            switch ((hit[d - 1], hit[d]))
            {
                case (false, false): n00++; break;
                case (false, true): n01++; break;
                case (true, false): n10++; break;
                default: n11++; break;
            }
        }

        double p = 1 - confidence;
        double kupiec = Math.Max(0, -2 * (LogLikelihood(t - x, x, p) - LogLikelihood(t - x, x, (double)x / t)));
        int pairs = n00 + n01 + n10 + n11;
        double pi = pairs > 0 ? (double)(n01 + n11) / pairs : 0;
        double pi01 = n00 + n01 > 0 ? (double)n01 / (n00 + n01) : 0;
        double pi11 = n10 + n11 > 0 ? (double)n11 / (n10 + n11) : 0;
        double restricted = LogLikelihood(n00 + n10, n01 + n11, pi);
        double unrestricted = LogLikelihood(n00, n01, pi01) + LogLikelihood(n10, n11, pi11);
        double independence = Math.Max(0, -2 * (restricted - unrestricted));
        double coverage = kupiec + independence;
        return new VaRBacktestResult
        {
            Observations = t,
            Confidence = confidence,
            Exceptions = x,
            ExceptionRate = (double)x / t,
            KupiecStatistic = kupiec,
            KupiecPValue = UpperTail(1, kupiec),
            IndependenceStatistic = independence,
            IndependencePValue = UpperTail(1, independence),
            ConditionalCoverageStatistic = coverage,
            ConditionalCoveragePValue = UpperTail(2, coverage),
            Transitions = [n00, n01, n10, n11],
            Zone = Zone(t, x, p),
        };
    }

    /// <summary>The Basel zone for <paramref name="exceptions"/> in <paramref name="observations"/> days at exception rate <paramref name="p"/>.</summary>
    public static TrafficLightZone Zone(int observations, int exceptions, double p)
    {
        double cumulative = Binomial.CDF(p, observations, exceptions);
        return cumulative < 0.95 ? TrafficLightZone.Green : cumulative < 0.9999 ? TrafficLightZone.Yellow : TrafficLightZone.Red;
    }

    /// <summary>failures·ln(1 − π) + successes·ln π with 0·ln 0 = 0.</summary>
    private static double LogLikelihood(int misses, int hits, double pi) => XLogY(misses, 1 - pi) + XLogY(hits, pi);

    private static double XLogY(int count, double probability) => count == 0 ? 0 : count * Math.Log(probability);

    private static double UpperTail(int degrees, double statistic) => statistic <= 0 ? 1 : Math.Clamp(1 - ChiSquared.CDF(degrees, statistic), 0, 1);
}
