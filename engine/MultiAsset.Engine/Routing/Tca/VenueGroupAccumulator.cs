namespace MultiAsset.Engine.Routing.Tca;

/// <summary>Running sums of the child orders sent to one venue (off the hot path).</summary>
internal sealed class VenueGroupAccumulator
{
    private readonly List<long> toAck = [];
    private readonly List<long> ackToFill = [];
    private readonly List<long> toFirstFill = [];
    private int childOrders;
    private int fills;
    private double routedNotional;
    private double filledNotional;
    private double slippageCost;
    private double fees;

    /// <summary>Adds one child order, notionals and fees scaled by <paramref name="rate"/> to the reporting currency.</summary>
    public void Add(in ChildOrderTcaReport r, double rate)
    {
        childOrders++;
        fills += r.Fills;
        double filledAtBenchmark = r.FilledQuantity * r.BenchmarkPrice * rate;
        routedNotional += r.RoutedQuantity * r.BenchmarkPrice * rate;
        filledNotional += filledAtBenchmark;
        if (r.SlippageBps is double bps)
        {
            slippageCost += bps * filledAtBenchmark;
        }

        fees += r.Fees * rate;
        OrderGroupAccumulator.AddIf(toAck, r.SendToAckNs);
        OrderGroupAccumulator.AddIf(ackToFill, r.AckToFirstFillNs);
        OrderGroupAccumulator.AddIf(toFirstFill, r.SendToFirstFillNs);
    }

    /// <summary>The venue's row of the report.</summary>
    public VenueQualityGroup Build(string key) => new()
    {
        Key = key,
        ChildOrders = childOrders,
        Fills = fills,
        RoutedNotional = routedNotional,
        FilledNotional = filledNotional,
        FillRate = routedNotional > 0 ? filledNotional / routedNotional : 0,
        SlippageVsArrivalBps = filledNotional > 0 ? slippageCost / filledNotional : null,
        Fees = fees,
        Latency = new ChildLatency
        {
            SendToAck = LatencyStatistics.Summarize(toAck),
            AckToFirstFill = LatencyStatistics.Summarize(ackToFill),
            SendToFirstFill = LatencyStatistics.Summarize(toFirstFill),
        },
    };
}
