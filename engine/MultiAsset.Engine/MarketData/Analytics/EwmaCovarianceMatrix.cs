namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// RiskMetrics EWMA covariance of log returns over a fixed universe, updated on a bar clock (once per interval of
/// event time, not per tick): Σ ← λΣ + (1 − λ) r rᵀ. Preallocated; O(n²) per bar, nothing per tick.
/// A second, slow matrix with λ_long (default 0.995: a memory of about 200 intervals against 17 at 0.94) is updated
/// from the same returns: the long-run counterpart a correlation break is judged against.
/// </summary>
/// <remarks>
/// Returns are taken between the last prices seen at consecutive clock boundaries (carried forward when an
/// instrument did not trade). When several intervals pass without any event, they count as one step. The matrix
/// starts at zero; correlations read NaN until both variances are positive.
/// </remarks>
public sealed class EwmaCovarianceMatrix
{
    private readonly int[] universe;
    private readonly double lambda;
    private readonly long intervalNanoseconds;
    private readonly double longRunLambda;
    private readonly double[] covariance;
    private readonly double[] longRun;
    private readonly double[] lastPrice;
    private readonly double[] returns;
    private readonly int[] slotOf;
    private long nextBoundary;

    /// <summary>Creates a matrix over instrument ids <paramref name="universe"/> out of <paramref name="instrumentCount"/>.</summary>
    public EwmaCovarianceMatrix(IReadOnlyList<int> universe, int instrumentCount, double lambda, long intervalNanoseconds, double longRunLambda = AnalyticsOptions.DefaultCorrelationLongRunLambda)
    {
        ArgumentNullException.ThrowIfNull(universe);
        this.universe = universe.ToArray();
        this.lambda = lambda;
        this.longRunLambda = longRunLambda;
        this.intervalNanoseconds = intervalNanoseconds;
        var n = this.universe.Length;
        covariance = new double[n * n];
        longRun = new double[n * n];
        lastPrice = new double[n];
        returns = new double[n];
        slotOf = new int[instrumentCount];
        slotOf.AsSpan().Fill(-1);
        for (var i = 0; i < n; i++)
        {
            slotOf[this.universe[i]] = i;
        }
    }

    /// <summary>Instruments in the matrix, in row order.</summary>
    public IReadOnlyList<int> Universe => universe;

    /// <summary>Clock steps folded in so far.</summary>
    public long Updates { get; private set; }

    /// <summary>
    /// Advances the bar clock to <paramref name="time"/>; when a boundary is crossed, folds in the returns since the
    /// previous one using <paramref name="lastPrices"/> (raw prices by instrument id).
    /// </summary>
    public void OnTime(long time, InstrumentState[] lastPrices)
    {
        if (time < nextBoundary)
        {
            return;
        }

        var first = nextBoundary == 0;
        nextBoundary = ((time / intervalNanoseconds) + 1) * intervalNanoseconds;
        Step(lastPrices, first);
    }

    private void Step(InstrumentState[] states, bool first)
    {
        var n = universe.Length;
        for (var i = 0; i < n; i++)
        {
            var price = states[universe[i]].Last / 1e8;
            returns[i] = !first && price > 0 && lastPrice[i] > 0 ? Math.Log(price / lastPrice[i]) : 0;
            if (price > 0)
            {
                lastPrice[i] = price;
            }
        }

        if (first)
        {
            return;
        }

        // Both matrices in one pass over the lower triangle (j ≤ i), row by row: the upper triangle is never written
        // (reads mirror it), which halves the work and keeps every write sequential.
        var keep = lambda;
        var add = 1 - lambda;
        var keepLong = longRunLambda;
        var addLong = 1 - longRunLambda;
        for (var i = 0; i < n; i++)
        {
            var ri = returns[i];
            var row = i * n;
            for (var j = 0; j <= i; j++)
            {
                var product = ri * returns[j];
                covariance[row + j] = (keep * covariance[row + j]) + (add * product);
                longRun[row + j] = (keepLong * longRun[row + j]) + (addLong * product);
            }
        }

        Updates++;
    }

    /// <summary>Index of (a, b) in the stored lower triangle.</summary>
    private int Cell(int a, int b) => a >= b ? (a * universe.Length) + b : (b * universe.Length) + a;

    /// <summary>Writes the symmetric matrix whose lower triangle <paramref name="lower"/> holds into <paramref name="destination"/>.</summary>
    private void Mirror(double[] lower, Span<double> destination)
    {
        var n = universe.Length;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var value = lower[(i * n) + j];
                destination[(i * n) + j] = value;
                destination[(j * n) + i] = value;
            }
        }
    }

    /// <summary>EWMA covariance of the bar log returns of two instruments (by id); NaN if either is outside the universe.</summary>
    public double Covariance(int instrumentA, int instrumentB)
    {
        var a = Slot(instrumentA);
        var b = Slot(instrumentB);
        return a < 0 || b < 0 ? double.NaN : covariance[Cell(a, b)];
    }

    /// <summary>EWMA correlation of two instruments (by id); NaN when undefined.</summary>
    public double Correlation(int instrumentA, int instrumentB)
    {
        var a = Slot(instrumentA);
        var b = Slot(instrumentB);
        if (a < 0 || b < 0)
        {
            return double.NaN;
        }

        var denominator = Math.Sqrt(covariance[Cell(a, a)] * covariance[Cell(b, b)]);
        return denominator > 0 ? covariance[Cell(a, b)] / denominator : double.NaN;
    }

    /// <summary>Copies the matrix (row-major, universe order) into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<double> destination) => Mirror(covariance, destination);

    /// <summary>Copies the long-run (λ_long) matrix (row-major, universe order) into <paramref name="destination"/>.</summary>
    public void CopyLongRunTo(Span<double> destination) => Mirror(longRun, destination);

    /// <summary>The decay of the fast matrix (λ).</summary>
    public double Lambda => lambda;

    /// <summary>The decay of the long-run matrix (λ_long).</summary>
    public double LongRunLambda => longRunLambda;

    /// <summary>The bar clock, in nanoseconds of event time.</summary>
    public long IntervalNanoseconds => intervalNanoseconds;

    private int Slot(int instrument) => (uint)instrument < (uint)slotOf.Length ? slotOf[instrument] : -1;

    /// <summary>Adds the matrix and its clock to a digest.</summary>
    public void AppendDigest(MultiAsset.Engine.Pipeline.StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(nextBoundary).Add(Updates).Add(covariance).Add(longRun).Add(lastPrice);
    }
}
