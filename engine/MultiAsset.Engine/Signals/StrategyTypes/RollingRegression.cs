using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Ordinary least squares of y on x (with intercept) and the correlation of x and y over the last N pairs, in O(1)
/// per pair from running sums over preallocated rings.
/// </summary>
/// <remarks>
/// As in <see cref="RollingStats"/>, sums are kept of values shifted by the first pair (slope, covariance and
/// correlation are shift-invariant) and recomputed exactly once per full turn so rounding drift stays bounded.
/// </remarks>
internal sealed class RollingRegression
{
    private readonly double[] xs;
    private readonly double[] ys;
    private int head;
    private int pushesSinceResync;
    private double shiftX;
    private double shiftY;
    private double sx;
    private double sy;
    private double sxx;
    private double syy;
    private double sxy;

    public RollingRegression(int capacity)
    {
        xs = new double[capacity];
        ys = new double[capacity];
    }

    public int Count { get; private set; }

    public bool IsFull => Count == xs.Length;

    /// <summary>Σ(x − x̄)², the centred sum of squares of x.</summary>
    public double CentredXX => sxx - (sx * sx / Count);

    /// <summary>Σ(y − ȳ)².</summary>
    public double CentredYY => syy - (sy * sy / Count);

    /// <summary>Σ(x − x̄)(y − ȳ).</summary>
    public double CentredXY => sxy - (sx * sy / Count);

    public double MeanX => shiftX + (sx / Count);

    public double MeanY => shiftY + (sy / Count);

    /// <summary>OLS slope β of y on x; 0 when x does not vary (no hedge ratio can be estimated).</summary>
    public double Slope
    {
        get
        {
            double cxx = CentredXX;
            return cxx > 0 ? CentredXY / cxx : 0;
        }
    }

    /// <summary>OLS intercept α = ȳ − βx̄.</summary>
    public double Intercept => MeanY - (Slope * MeanX);

    /// <summary>Population variance of the OLS residuals y − α − βx over the window.</summary>
    public double ResidualVariance => Count == 0 ? 0 : Math.Max(0, (CentredYY - (Slope * CentredXY)) / Count);

    /// <summary>Pearson correlation of x and y; 0 when either does not vary.</summary>
    public double Correlation
    {
        get
        {
            double denominator = CentredXX * CentredYY;
            return denominator > 0 ? Math.Clamp(CentredXY / Math.Sqrt(denominator), -1, 1) : 0;
        }
    }

    public void Push(double x, double y)
    {
        if (Count == 0 && pushesSinceResync == 0)
        {
            shiftX = x;
            shiftY = y;
        }

        double dx = x - shiftX;
        double dy = y - shiftY;
        if (IsFull)
        {
            double ox = xs[head];
            double oy = ys[head];
            sx -= ox;
            sy -= oy;
            sxx -= ox * ox;
            syy -= oy * oy;
            sxy -= ox * oy;
        }
        else
        {
            Count++;
        }

        xs[head] = dx;
        ys[head] = dy;
        sx += dx;
        sy += dy;
        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
        head = head + 1 == xs.Length ? 0 : head + 1;

        if (++pushesSinceResync >= xs.Length)
        {
            Resync();
        }
    }

    public void AppendDigest(StateDigestBuilder digest)
        => digest.Add(Count).Add(head).Add(pushesSinceResync).Add(shiftX).Add(shiftY)
            .Add(sx).Add(sy).Add(sxx).Add(syy).Add(sxy).Add(xs).Add(ys);

    private void Resync()
    {
        pushesSinceResync = 0;
        sx = sy = sxx = syy = sxy = 0;
        for (int i = 0; i < Count; i++)
        {
            sx += xs[i];
            sy += ys[i];
            sxx += xs[i] * xs[i];
            syy += ys[i] * ys[i];
            sxy += xs[i] * ys[i];
        }
    }
}
