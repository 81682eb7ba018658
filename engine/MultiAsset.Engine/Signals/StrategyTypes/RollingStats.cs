using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Mean and standard deviation of the last N values in O(1) per value, from running sums over a preallocated ring.
/// </summary>
/// <remarks>
/// Sums are kept of <c>x − shift</c>, the shift being the first value seen, so that prices around 100 with moves of
/// 0.01 do not lose their variance to cancellation in Σx² − n·mean². Add/subtract running sums drift by rounding,
/// so they are recomputed exactly from the ring once per full turn (amortised O(1), and deterministic).
/// </remarks>
internal sealed class RollingStats
{
    private readonly double[] values;
    private int head;
    private int pushesSinceResync;
    private double shift;
    private double sum;
    private double sumSquares;

    public RollingStats(int capacity) => values = new double[capacity];

    public int Count { get; private set; }

    public int Capacity => values.Length;

    public bool IsFull => Count == values.Length;

    public double Sum => sum + (Count * shift);

    public double Mean => Count == 0 ? 0 : shift + (sum / Count);

    /// <summary>Population variance (divide by N): the window is the whole sample the bands are drawn from.</summary>
    public double Variance
    {
        get
        {
            if (Count == 0)
            {
                return 0;
            }

            double m = sum / Count;
            return Math.Max(0, (sumSquares / Count) - (m * m));
        }
    }

    public double StandardDeviation => Math.Sqrt(Variance);

    public void Push(double value)
    {
        if (Count == 0 && pushesSinceResync == 0)
        {
            shift = value;
        }

        double x = value - shift;
        if (IsFull)
        {
            double old = values[head];
            sum -= old;
            sumSquares -= old * old;
        }
        else
        {
            Count++;
        }

        values[head] = x;
        sum += x;
        sumSquares += x * x;
        head = head + 1 == values.Length ? 0 : head + 1;

        if (++pushesSinceResync >= values.Length)
        {
            Resync();
        }
    }

    public void AppendDigest(StateDigestBuilder digest)
        => digest.Add(Count).Add(head).Add(pushesSinceResync).Add(shift).Add(sum).Add(sumSquares).Add(values);

    private void Resync()
    {
        pushesSinceResync = 0;
        sum = 0;
        sumSquares = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += values[i];
            sumSquares += values[i] * values[i];
        }
    }
}
