using System.Runtime.CompilerServices;

namespace MultiAsset.Engine.MarketData.Analytics;

/// <summary>
/// The last <c>capacity</c> values of a series in a caller-provided slice of a shared array, with running sums for
/// an O(1) mean and standard deviation over the last <c>window</c> values. Allocation-free after construction.
/// </summary>
/// <remarks>
/// Sums are kept of (x − shift), where shift is the first value seen: prices far from zero would otherwise lose
/// precision when squared and subtracted (catastrophic cancellation), and the analytics must match a naive
/// two-pass computation to 1e-9. Every <see cref="RecomputeEvery"/> additions the sums are rebuilt from the stored
/// values around the current mean, so rounding error cannot accumulate over a long run (O(window) once per
/// thousands of additions: still O(1) amortised).
/// </remarks>
internal struct RollingWindow
{
    /// <summary>Additions between two rebuilds of the running sums.</summary>
    public const int RecomputeEvery = 4096;

    private readonly int offset;
    private readonly int capacity;
    private readonly int window;
    private int count;
    private int head;
    private double shift;
    private double sum;
    private double sumSquares;
    private int sinceRecompute;

    public RollingWindow(int offset, int capacity, int window)
    {
        this.offset = offset;
        this.capacity = capacity;
        this.window = window;
        count = 0;
        head = 0;
        shift = 0;
        sum = 0;
        sumSquares = 0;
        sinceRecompute = 0;
    }

    /// <summary>Values held (at most the capacity).</summary>
    public readonly int Count => count;

    /// <summary>Appends <paramref name="value"/>, dropping the oldest beyond the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double[] storage, double value)
    {
        if (count == 0)
        {
            shift = value;
        }

        if (count >= window)
        {
            // The value leaving the mean/std window is the one `window` positions back.
            var leaving = storage[offset + Index(window - 1)] - shift;
            sum -= leaving;
            sumSquares -= leaving * leaving;
        }

        head = head + 1 == capacity ? 0 : head + 1;
        storage[offset + head] = value;
        if (count < capacity)
        {
            count++;
        }

        var entering = value - shift;
        sum += entering;
        sumSquares += entering * entering;
        if (++sinceRecompute >= RecomputeEvery)
        {
            Recompute(storage);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Recompute(double[] storage)
    {
        sinceRecompute = 0;
        var n = WindowCount;
        shift = Mean;
        sum = 0;
        sumSquares = 0;
        for (var back = 0; back < n; back++)
        {
            var d = Get(storage, back) - shift;
            sum += d;
            sumSquares += d * d;
        }
    }

    /// <summary>The value <paramref name="back"/> positions back (0 = latest); requires back &lt; Count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Get(double[] storage, int back) => storage[offset + Index(back)];

    /// <summary>Values in the mean/std window.</summary>
    public readonly int WindowCount => Math.Min(count, window);

    /// <summary>Mean of the last <c>window</c> values (NaN when empty).</summary>
    public readonly double Mean => WindowCount == 0 ? double.NaN : shift + (sum / WindowCount);

    /// <summary>Sample standard deviation of the last <c>window</c> values (NaN with fewer than two).</summary>
    public readonly double StandardDeviation
    {
        get
        {
            var n = WindowCount;
            if (n < 2)
            {
                return double.NaN;
            }

            var variance = (sumSquares - (sum * sum / n)) / (n - 1);
            return variance > 0 ? Math.Sqrt(variance) : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Index(int back)
    {
        var i = head - back;
        return i < 0 ? i + capacity : i;
    }

    /// <summary>Adds the window's state (its slice of <paramref name="storage"/> included) to a digest.</summary>
    public readonly void AppendDigest(MultiAsset.Engine.Pipeline.StateDigestBuilder builder, double[] storage)
    {
        builder.Add(count).Add(head).Add(shift).Add(sum).Add(sumSquares).Add(sinceRecompute);
        builder.Add(storage.AsSpan(offset, capacity));
    }
}
