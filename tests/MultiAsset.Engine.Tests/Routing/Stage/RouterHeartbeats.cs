using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Routing.Stage;

namespace MultiAsset.Engine.Tests.Routing.Stage;

/// <summary>Drives a router as the pipeline would: heartbeats, with every report it emits fed back as an execution event.</summary>
internal static class RouterHeartbeats
{
    /// <summary>Heartbeats every <paramref name="step"/> ns from <paramref name="from"/> to <paramref name="until"/>; the reports, in order.</summary>
    public static List<InputEvent> Run(RouterStage router, long from, long until, long step)
    {
        var reports = new List<InputEvent>();
        for (var t = from; t <= until; t += step)
        {
            var beat = new OrderEvent { Kind = OrderEventKind.Heartbeat, Timestamp = t };
            router.OnEvent(ref beat, 0, true);
            while (router.TryTake(out var report))
            {
                reports.Add(report);
                var forwarded = new OrderEvent
                {
                    Kind = OrderEventKind.Execution,
                    Account = report.Execution.Account,
                    Strategy = report.Execution.Strategy,
                    Instrument = report.Instrument,
                    Timestamp = report.Timestamp,
                    Execution = ForwardedExecution.From(in report.Execution),
                };
                router.OnEvent(ref forwarded, 0, true);
            }
        }

        return reports;
    }
}
