namespace MultiAsset.Engine.Routing.Algorithms;

/// <summary>
/// Implementation shortfall: the Almgren–Chriss optimal execution trajectory, in closed form. Pure, deterministic,
/// allocation-free (writes into caller-provided spans).
/// </summary>
/// <remarks>
/// <para>With N slices of τ seconds (T = Nτ, t_j = jτ) the optimal holdings are
/// x_j = X · sinh(κ(T − t_j)) / sinh(κT), j = 0..N, and the trades are n_j = x_{j−1} − x_j, where κ solves
/// cosh(κτ) − 1 = λσ²τ² / (2η̃) with η̃ = η − γτ/2 (units in <see cref="AlmgrenChrissParameters"/>).</para>
/// <para>Numerics: κτ is computed as 2·asinh(√(a/2)) with a = λσ²τ²/(2η̃), the same root as acosh(1 + a) but without
/// losing a when a ≪ 1e-16. The trajectory only depends on κτ and N. When κT &lt; 1e-8 (λ = 0, σ = 0, or τ → 0) the
/// ratio is replaced by its limit (T − t_j)/T, i.e. TWAP, so there is no 0/0; the relative error of that limit is
/// (κT)²/6 &lt; 1e-16. When κT &gt; 20 the ratio is evaluated as e^{−κt_j}(1 − e^{−2κ(T−t_j)})/(1 − e^{−2κT}) so sinh
/// cannot overflow. When η̃ = 0 and λσ² &gt; 0, κ is infinite and the whole order trades in the first slice.</para>
/// </remarks>
public static class AlmgrenChriss
{
    private const double LinearLimit = 1e-8;
    private const double SinhLimit = 20;

    /// <summary>κτ, dimensionless (0 when λσ² = 0; +∞ when η̃ = 0 and λσ² &gt; 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid (see <see cref="AlmgrenChrissParameters.Validate"/>).</exception>
    public static double KappaTau(in AlmgrenChrissParameters parameters)
    {
        parameters.Validate();
        double sigma = parameters.Volatility, tau = parameters.SliceSeconds;
        double numerator = parameters.RiskAversion * sigma * sigma * tau * tau;
        if (!(numerator > 0))
        {
            return 0;
        }

        double a = numerator / (2 * parameters.AdjustedTemporaryImpact); // +∞ when η̃ = 0
        return double.IsPositiveInfinity(a) ? double.PositiveInfinity : 2 * Math.Asinh(Math.Sqrt(a / 2));
    }

    /// <summary>κ in 1/second: the urgency; 1/κ is the order's "half-life" in seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid.</exception>
    public static double Kappa(in AlmgrenChrissParameters parameters) => KappaTau(parameters) / parameters.SliceSeconds;

    /// <summary>
    /// Writes the optimal holdings as fractions of the parent, x_j / X for j = 0..N (so <c>holdings.Length</c> = N + 1;
    /// holdings[0] = 1, holdings[N] = 0).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="holdings"/> has fewer than 2 entries.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The parameters are invalid.</exception>
    public static void HoldingFractions(in AlmgrenChrissParameters parameters, Span<double> holdings)
    {
        int n = holdings.Length - 1;
        ScheduleRounding.CheckSlices(n, nameof(holdings));
        double y = KappaTau(parameters);
        for (int j = 0; j <= n; j++)
        {
            holdings[j] = HoldingFraction(y, n, j);
        }
    }

    /// <summary>
    /// Writes the child lots of the optimal trajectory for <paramref name="lots"/> over <c>children.Length</c> slices,
    /// rounded by the cumulative rule of <see cref="ScheduleRounding"/> (the target after slice j is 1 − x_j/X).
    /// </summary>
    /// <param name="lots">Parent quantity in lots, in [0, <see cref="ScheduleRounding.MaxLots"/>].</param>
    /// <param name="parameters">The model inputs.</param>
    /// <param name="children">One entry per slice, in time order; its length is N.</param>
    /// <exception cref="ArgumentOutOfRangeException">Lots or parameters out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="children"/> is empty.</exception>
    public static void Compute(long lots, in AlmgrenChrissParameters parameters, Span<long> children)
    {
        ScheduleRounding.CheckLots(lots, nameof(lots));
        int n = children.Length;
        ScheduleRounding.CheckSlices(n, nameof(children));
        double y = KappaTau(parameters);
        long previous = 0;
        for (int j = 1; j < n; j++)
        {
            long cumulative = Math.Max(previous, ScheduleRounding.CumulativeLots(lots, 1 - HoldingFraction(y, n, j)));
            children[j - 1] = cumulative - previous;
            previous = cumulative;
        }

        children[n - 1] = lots - previous;
    }

    /// <summary>sinh(y(N − j)) / sinh(yN), evaluated without 0/0 or overflow (y = κτ).</summary>
    internal static double HoldingFraction(double y, int n, int j)
    {
        if (j <= 0)
        {
            return 1;
        }

        if (j >= n)
        {
            return 0;
        }

        double yn = y * n;
        if (yn < LinearLimit)
        {
            return (double)(n - j) / n;
        }

        if (yn <= SinhLimit)
        {
            return Math.Sinh(y * (n - j)) / Math.Sinh(yn);
        }

        return Math.Exp(-y * j) * (1 - Math.Exp(-2 * y * (n - j))) / (1 - Math.Exp(-2 * yn));
    }
}
