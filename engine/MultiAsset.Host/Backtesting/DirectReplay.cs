using Microsoft.Extensions.Logging;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host.Backtesting;

/// <summary>
/// Replays a backtest's data straight into the chained engine on the calling thread: each event is read from the
/// source and handed to the chain as the engine thread would hand it a ring slot — the same stages, in the same
/// order, with the same input numbering (the chain numbers its input itself), so the state and the digests are those
/// of the threaded replay (tested). An exception in a stage goes to the exception handler and the replay goes on, as
/// on the ring.
/// </summary>
internal static class DirectReplay
{
    private const int ProgressEvery = 1 << 16;

    public static long Run(
        ReplayFeedDefinition definition, InstrumentCatalog catalog, IValueEventHandler<InputEvent> chain, IEventExceptionHandler errors,
        IProgress<double>? progress, long expectedEvents, ILogger logger, CancellationToken cancellationToken)
    {
        using var source = ReplayFileFeed.OpenSource(definition.Format, definition.Files, catalog, definition.Options, logger);
        var evt = default(InputEvent);
        long read = 0;
        while (source.TryRead(ref evt))
        {
            if ((++read & (ProgressEvery - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (expectedEvents > 0)
                {
                    progress?.Report(Math.Min(1.0, read / (double)expectedEvents));
                }
            }

            try
            {
                chain.OnEvent(ref evt, read, endOfBatch: true);
            }
#pragma warning disable CA1031 // As the ring's batch processor: a stage's exception is reported and the replay goes on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.OnEventException(ex, read, EngineRuntime.ChainStageName);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return read;
    }
}
