using System.Threading.Channels;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// The live streams' back-pressure, shared by the gRPC watch streams (<see cref="LiveViews"/>) and the browser's event
/// stream (<see cref="EventStream"/>): a producer polls every interval on its own and writes what it found into a bounded
/// channel that drops the oldest when full; the consumer sends to the client at the client's pace, told how many were
/// dropped since its last send. The engine sees one round of queries per interval whatever the client does.
/// </summary>
internal static class PollingPump
{
    /// <summary>Updates held for a slow client before the oldest is dropped.</summary>
    public const int BufferSize = 16;

    /// <summary>What one poll found: a problem that ends the stream, or the updates to send (none: nothing changed).</summary>
    public readonly record struct Polled<T>(ControlProblem? Problem, IReadOnlyList<T> Updates);

    /// <summary>
    /// Sends <paramref name="first"/>, then polls every <paramref name="interval"/> until <paramref name="cancellationToken"/>
    /// or a failed poll (whose problem is returned). <paramref name="send"/> gets each update with the number dropped
    /// before it; <paramref name="idle"/> (if any) is called when nothing was sent for <paramref name="idleAfter"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">The client went away (<paramref name="cancellationToken"/>).</exception>
    public static async Task<ControlProblem?> RunAsync<T>(
        IReadOnlyList<T> first,
        Func<CancellationToken, Task<Polled<T>>> poll,
        TimeSpan interval,
        Func<T, long, Task> send,
        CancellationToken cancellationToken,
        Func<Task>? idle = null,
        TimeSpan idleAfter = default)
    {
        long dropped = 0;
        var channel = Channel.CreateBounded<T>(
            new BoundedChannelOptions(BufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ => Interlocked.Increment(ref dropped));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(first, poll, channel.Writer, interval, stop.Token);
        try
        {
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                if (idle is not null)
                {
                    wait.CancelAfter(idleAfter);
                }

                try
                {
                    if (!await channel.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    await idle!().ConfigureAwait(false);
                    continue;
                }

                while (channel.Reader.TryRead(out var update))
                {
                    await send(update, Interlocked.Exchange(ref dropped, 0)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        return await producer.ConfigureAwait(false);
    }

    private static async Task<ControlProblem?> ProduceAsync<T>(IReadOnlyList<T> first, Func<CancellationToken, Task<Polled<T>>> poll, ChannelWriter<T> writer, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var update in first)
            {
                writer.TryWrite(update);
            }

            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var polled = await poll(cancellationToken).ConfigureAwait(false);
                if (polled.Problem is { } problem)
                {
                    return problem;
                }

                foreach (var update in polled.Updates)
                {
                    writer.TryWrite(update);
                }
            }

            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            writer.TryComplete();
        }
    }
}
