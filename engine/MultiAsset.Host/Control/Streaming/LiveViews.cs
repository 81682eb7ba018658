using MultiAsset.Control.V1;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// Serves the live views (<c>WatchPositions</c>, <c>WatchRisk</c>, <c>WatchFills</c>) by polling the query commands
/// through <see cref="ControlService"/> — so roles and account scope apply exactly as for the unary reads — every
/// interval, and streaming an update when the answer changed.
/// </summary>
/// <remarks>
/// Back-pressure: the poller never waits for the client. Updates go through a bounded channel of
/// <see cref="BufferSize"/> that drops the oldest when full; the next update sent carries the number dropped. The
/// engine sees one query per interval per stream whatever the client does. A query that fails after the stream started
/// (504, engine stopping) ends the stream with that status.
/// </remarks>
public sealed class LiveViews(ControlService service)
{
    /// <summary>Poll interval when the request leaves it 0.</summary>
    public const int DefaultIntervalMs = 500;

    /// <summary>Smallest poll interval accepted.</summary>
    public const int MinIntervalMs = 100;

    /// <summary>Largest poll interval accepted.</summary>
    public const int MaxIntervalMs = 60_000;

    /// <summary>Updates held for a slow client before the oldest is dropped.</summary>
    public const int BufferSize = PollingPump.BufferSize;

    /// <summary>
    /// Runs one stream until <paramref name="cancellationToken"/> (the client went away) or a failed poll. Returns the
    /// problem of the first poll when it fails (nothing was sent), null otherwise; a later failure is returned too.
    /// </summary>
    public async Task<ControlProblem?> RunAsync(LiveView view, ControlCaller caller, WatchRequest request, Func<WatchUpdate, Task> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        var interval = request.IntervalMs == 0 ? DefaultIntervalMs : request.IntervalMs;
        if (interval is < MinIntervalMs or > MaxIntervalMs)
        {
            return new ControlProblem(400, ControlProblem.TitleOf(400), $"interval_ms must be between {MinIntervalMs} and {MaxIntervalMs} (or 0 for {DefaultIntervalMs}) but is {request.IntervalMs}.", "interval_ms");
        }

        var account = request.Account.Length == 0 ? null : request.Account;
        var poller = new ViewPoller(view, caller, account, service);
        var first = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
        if (first.Problem is { } problem)
        {
            return problem;
        }

        long sequence = 0;
        WatchUpdate[] Updates(string? json) => json is null ? [] : [Update(++sequence, json)];
        return await PollingPump.RunAsync(
            Updates(first.Json),
            async token =>
            {
                var polled = await poller.PollAsync(token).ConfigureAwait(false);
                return new PollingPump.Polled<WatchUpdate>(polled.Problem, Updates(polled.Json));
            },
            TimeSpan.FromMilliseconds(interval),
            (update, dropped) =>
            {
                update.Dropped = (int)Math.Min(int.MaxValue, dropped);
                return send(update);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static WatchUpdate Update(long sequence, string json)
        => new() { Sequence = sequence, PolledUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Json = json };
}
