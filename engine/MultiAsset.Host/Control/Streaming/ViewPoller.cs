using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Streaming;

/// <summary>
/// One stream's poller: asks <see cref="ControlService"/> for the view and remembers the previous answer, so each poll
/// yields the JSON to send, or null when nothing changed.
/// </summary>
internal sealed class ViewPoller(LiveView view, ControlCaller caller, string? account, ControlService service)
{
    private string? previous;
    private Dictionary<(string Account, string Symbol), FillDiff.Position>? positions;

    /// <summary>The result of one poll: a problem, or the JSON to send (null: unchanged).</summary>
    public readonly record struct Polled(ControlProblem? Problem, string? Json);

    public async Task<Polled> PollAsync(CancellationToken cancellationToken)
    {
        var result = view == LiveView.Risk
            ? await service.RiskAsync(caller, account, cancellationToken).ConfigureAwait(false)
            : await service.AccountsAsync(caller, account, cancellationToken).ConfigureAwait(false);
        if (result.Problem is { } problem)
        {
            return new Polled(problem, null);
        }

        var json = result.Json ?? "null";
        if (view == LiveView.Fills)
        {
            var now = FillDiff.Positions(json);
            var fills = positions is null ? [] : FillDiff.Between(positions, now);
            positions = now;
            return new Polled(null, fills.Count == 0 ? null : FillDiff.ToJson(fills));
        }

        if (view == LiveView.Positions && json.Length > 0 && json[0] != '[')
        {
            json = "[" + json + "]";
        }

        if (json == previous)
        {
            return new Polled(null, null);
        }

        previous = json;
        return new Polled(null, json);
    }
}
