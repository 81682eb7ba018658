namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>
/// Many running "largest M values" sets at once (one per position or group), each a binary min-heap of capacity
/// M = RankA + 1, so that after every loss has been offered the heap root is the RankA-th largest loss (0-based) and
/// the smaller child of the root the (RankA − 1)-th: exactly the order statistics a <see cref="TailRule"/> needs for
/// VaR. O(log M) per accepted value; most values fail the <see cref="Threshold"/> test and cost one comparison.
/// </summary>
internal sealed class TailHeaps
{
    private readonly double[] heap;
    private readonly int[] count;
    private readonly int capacity;

    public TailHeaps(int lists, int capacity)
    {
        this.capacity = capacity;
        heap = new double[lists * capacity];
        count = new int[lists];
        Threshold = new double[lists];
        Array.Fill(Threshold, double.NegativeInfinity);
    }

    /// <summary>Per list: a value must exceed this to enter (−∞ until the heap is full, then its root).</summary>
    public double[] Threshold { get; }

    /// <summary>Offers <paramref name="value"/> to list <paramref name="list"/> (cheap to call when it does not qualify).</summary>
    public void Offer(int list, double value)
    {
        if (!(value > Threshold[list]))
        {
            return;
        }

        var h = heap.AsSpan(list * capacity, capacity);
        int c = count[list];
        if (c < capacity)
        {
            // Sift up.
            int k = c;
            while (k > 0)
            {
                int parent = (k - 1) >> 1;
                if (h[parent] <= value)
                {
                    break;
                }

                h[k] = h[parent];
                k = parent;
            }

            h[k] = value;
            count[list] = ++c;
            if (c == capacity)
            {
                Threshold[list] = h[0];
            }

            return;
        }

        // Replace the root and sift down.
        int i = 0;
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= capacity)
            {
                break;
            }

            int right = left + 1;
            int child = right < capacity && h[right] < h[left] ? right : left;
            if (h[child] >= value)
            {
                break;
            }

            h[i] = h[child];
            i = child;
        }

        h[i] = value;
        Threshold[list] = h[0];
    }

    /// <summary>VaR of list <paramref name="list"/> under <paramref name="rule"/> (every loss offered; capacity = RankA + 1).</summary>
    public double ValueAtRisk(int list, TailRule rule)
    {
        var h = heap.AsSpan(list * capacity, capacity);
        double a = h[0];
        if (rule.RankB == rule.RankA || rule.WeightB == 0)
        {
            return a;
        }

        double b = capacity > 2 ? Math.Min(h[1], h[2]) : h[1];
        return ((1 - rule.WeightB) * a) + (rule.WeightB * b);
    }
}
