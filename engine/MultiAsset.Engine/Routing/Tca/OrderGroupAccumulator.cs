namespace MultiAsset.Engine.Routing.Tca;

/// <summary>Running sums of one group of parent orders (off the hot path: keeps latency samples in lists).</summary>
internal sealed class OrderGroupAccumulator
{
    private readonly List<long> toAck = [];
    private readonly List<long> ackToFill = [];
    private readonly List<long> toFirstFill = [];
    private int orders;
    private int fills;
    private double orderedNotional;
    private double filledNotional;
    private double slippageCost;      // Σ s·Q_f·(p̄ − P_0): slippage bps × filled notional, summed
    private double vwapCost;
    private double vwapNotional;
    private double paperNotional;
    private double delay;
    private double execution;
    private double fees;
    private double opportunity;

    /// <summary>Adds one finished order, notionals and costs scaled by <paramref name="rate"/> to the reporting currency.</summary>
    public void Add(in ParentOrderTcaReport r, double rate)
    {
        orders++;
        fills += r.Fills;
        double filledAtArrival = r.FilledQuantity * r.ArrivalPrice * rate;
        orderedNotional += r.OrderedQuantity * r.ArrivalPrice * rate;
        filledNotional += filledAtArrival;
        paperNotional += r.OrderedQuantity * r.DecisionPrice * rate;
        if (r.SlippageVsArrivalBps is double arrivalBps)
        {
            slippageCost += arrivalBps * filledAtArrival;
        }

        if (r.SlippageVsVwapBps is double vwapBps && r.IntervalVwap is double vwap)
        {
            double atVwap = r.FilledQuantity * vwap * rate;
            vwapCost += vwapBps * atVwap;
            vwapNotional += atVwap;
        }

        delay += r.Shortfall.Delay * rate;
        execution += r.Shortfall.Execution * rate;
        fees += r.Shortfall.Fees * rate;
        opportunity += r.Shortfall.Opportunity * rate;
        AddIf(toAck, r.DecisionToAckNs);
        AddIf(ackToFill, r.AckToFirstFillNs);
        AddIf(toFirstFill, r.DecisionToFirstFillNs);
    }

    /// <summary>The group's row of the report.</summary>
    public ExecutionQualityGroup Build(string key)
    {
        double total = delay + execution + fees + opportunity;
        return new ExecutionQualityGroup
        {
            Key = key,
            Orders = orders,
            Fills = fills,
            OrderedNotional = orderedNotional,
            FilledNotional = filledNotional,
            FillRate = orderedNotional > 0 ? filledNotional / orderedNotional : 0,
            SlippageVsArrivalBps = filledNotional > 0 ? slippageCost / filledNotional : null,
            SlippageVsVwapBps = vwapNotional > 0 ? vwapCost / vwapNotional : null,
            ImplementationShortfallBps = paperNotional > 0 ? total / paperNotional * TcaMath.BasisPoints : null,
            Shortfall = new ShortfallBreakdown { Delay = delay, Execution = execution, Fees = fees, Opportunity = opportunity, Total = total },
            Latency = new OrderLatency
            {
                DecisionToAck = LatencyStatistics.Summarize(toAck),
                AckToFirstFill = LatencyStatistics.Summarize(ackToFill),
                DecisionToFirstFill = LatencyStatistics.Summarize(toFirstFill),
            },
        };
    }

    internal static void AddIf(List<long> samples, long? value)
    {
        if (value is long v)
        {
            samples.Add(v);
        }
    }
}
