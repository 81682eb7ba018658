using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The estimate behind a HedgeRisk rule's minimum-variance hedge overlay (<c>hedgeInstruments</c>): for each instrument
/// the strategy may hold, its regression coefficients on the rule's hedges, b_i = Σ_HH⁻¹ Σ_H,i, from the market-data
/// analytics' EWMA covariance of bar log returns. The coordination stage, which owns the positions e (base currency),
/// turns them into the overlay: the hedges' exposure after it is −Σ_i e_i b_i over the instruments i that are not hedges,
/// which minimises (e + h)ᵀΣ(e + h) over the hedge positions h (the same optimum <c>MinimumVarianceHedger</c> solves
/// without bounds). Built at create time; <see cref="TryEstimate"/> allocates nothing.
/// </summary>
/// <remarks>
/// Not estimable (the rule then falls back to halving, counted by coordination): before the covariance has folded in
/// the warm-up steps, when a hedge has no price or is outside the covariance universe, or when Σ_HH is not positive
/// definite (a hedge without variance, or two hedges perfectly correlated). An exposure instrument outside the universe
/// gets coefficients of 0: nothing is known about how it moves with the hedges.
/// </remarks>
internal sealed class HedgeOverlay
{
    private readonly InstrumentId[] hedges;
    private readonly InstrumentId[] rows;
    private readonly double[] coefficients;
    private readonly int warmup;

    /// <param name="hedges">The rule's hedge instruments (1 to 4, distinct).</param>
    /// <param name="exposures">Every instrument the strategy may hold; the hedges among them are left out.</param>
    /// <param name="warmup">Covariance steps before the estimate is trusted.</param>
    public HedgeOverlay(InstrumentId[] hedges, IEnumerable<InstrumentId> exposures, int warmup)
    {
        this.hedges = hedges;
        this.warmup = warmup;

        // The hedges come first, each with its own unit coefficient: coordination learns the overlay's instruments
        // from them before any exposure row arrives, so it can tell a hedge's own holding from an exposure.
        rows = [.. hedges, .. exposures.Where(i => !hedges.Contains(i))];
        coefficients = new double[rows.Length * hedges.Length];
    }

    /// <summary>The rule's hedge instruments.</summary>
    public ReadOnlySpan<InstrumentId> Hedges => hedges;

    /// <summary>The instruments with a row of coefficients: the hedges first, then the strategy's other instruments.</summary>
    public ReadOnlySpan<InstrumentId> Rows => rows;

    /// <summary>Coefficient of row <paramref name="row"/> on hedge <paramref name="hedge"/>, as of the last successful <see cref="TryEstimate"/>.</summary>
    public double Coefficient(int row, int hedge) => coefficients[(row * hedges.Length) + hedge];

    /// <summary>Estimates every row's coefficients from the analytics' covariance; false when they are not estimable (see remarks).</summary>
    public bool TryEstimate(MarketAnalytics analytics)
    {
        var covariance = analytics.Covariance;
        var k = hedges.Length;
        if (covariance.Updates < warmup)
        {
            return false;
        }

        Span<double> lower = stackalloc double[k * k];
        for (var a = 0; a < k; a++)
        {
            if (StrategyRuntime.ReferencePrice(analytics, hedges[a]).Raw <= 0)
            {
                return false;
            }

            for (var b = 0; b <= a; b++)
            {
                lower[(a * k) + b] = covariance.Covariance(hedges[a].Value, hedges[b].Value);
            }
        }

        if (!Cholesky(lower, k))
        {
            return false;
        }

        Span<double> rhs = stackalloc double[k];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = coefficients.AsSpan(r * k, k);
            if (r < k)
            {
                row.Clear();
                row[r] = 1;
                continue;
            }

            var defined = true;
            for (var j = 0; j < k; j++)
            {
                rhs[j] = covariance.Covariance(hedges[j].Value, rows[r].Value);
                defined &= double.IsFinite(rhs[j]);
            }

            if (defined)
            {
                Solve(lower, k, rhs, row);
            }
            else
            {
                row.Clear();
            }
        }

        return true;
    }

    /// <summary>
    /// In-place Cholesky factor L of the symmetric k×k matrix whose lower triangle is in <paramref name="m"/>; false when
    /// it is not positive definite (a pivot not above 1e-12 of the largest diagonal, or not finite).
    /// </summary>
    internal static bool Cholesky(Span<double> m, int k)
    {
        double largest = 0;
        for (var a = 0; a < k; a++)
        {
            largest = Math.Max(largest, m[(a * k) + a]);
        }

        if (!(largest > 0) || !double.IsFinite(largest))
        {
            return false;
        }

        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = m[(a * k) + b];
                for (var c = 0; c < b; c++)
                {
                    sum -= m[(a * k) + c] * m[(b * k) + c];
                }

                if (a == b)
                {
                    if (!(sum > largest * 1e-12) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    m[(a * k) + a] = Math.Sqrt(sum);
                }
                else
                {
                    m[(a * k) + b] = sum / m[(b * k) + b];
                }
            }
        }

        return true;
    }

    /// <summary>Solves L Lᵀ x = <paramref name="rhs"/> with the factor from <see cref="Cholesky"/>.</summary>
    internal static void Solve(ReadOnlySpan<double> l, int k, ReadOnlySpan<double> rhs, Span<double> x)
    {
        for (var a = 0; a < k; a++)
        {
            var sum = rhs[a];
            for (var c = 0; c < a; c++)
            {
                sum -= l[(a * k) + c] * x[c];
            }

            x[a] = sum / l[(a * k) + a];
        }

        for (var a = k - 1; a >= 0; a--)
        {
            var sum = x[a];
            for (var c = a + 1; c < k; c++)
            {
                sum -= l[(c * k) + a] * x[c];
            }

            x[a] = sum / l[(a * k) + a];
        }
    }
}
