using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Metrics;

/// <summary>
/// The latest answers to <c>QueryAccounts</c> and <c>QueryRisk</c> for the metrics callbacks, refreshed by
/// <see cref="RefreshAsync"/> (the metrics loop calls it at most once a second). A scrape reads the cached copies and
/// never waits for the engine; when a query fails (engine busy, or a staged layout that refuses queries) the previous
/// copy stays and <see cref="Failures"/> counts it.
/// </summary>
public sealed class EngineStateCache(IEngineCommands engine, CorrelationWatch? correlation = null)
{
    private volatile IReadOnlyList<AccountSnapshot> accounts = [];
    private volatile RiskReport? risk;
    private long failures;

    /// <summary>Account snapshots of the last successful refresh (empty before the first).</summary>
    public IReadOnlyList<AccountSnapshot> Accounts => accounts;

    /// <summary>The risk report of the last successful refresh (null before the first).</summary>
    public RiskReport? Risk => risk;

    /// <summary>The correlation regime alert, fed every refresh (null: not watched).</summary>
    public CorrelationWatch? Correlation => correlation;

    /// <summary>Queries that failed or timed out.</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Asks the engine for accounts and risk and keeps the answers.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var reply = await engine.SendAsync(CommandKind.QueryAccounts, string.Empty, cancellationToken).ConfigureAwait(false);
        if (reply.Succeeded && reply.Result is IEnumerable<AccountSnapshot> snapshots)
        {
            accounts = [.. snapshots];
        }
        else
        {
            Interlocked.Increment(ref failures);
        }

        reply = await engine.SendAsync(CommandKind.QueryRisk, string.Empty, cancellationToken).ConfigureAwait(false);
        if (reply.Succeeded && reply.Result is RiskReport report)
        {
            risk = report;
            if (report.Inputs is { } inputs)
            {
                correlation?.Observe(inputs);
            }
        }
        else
        {
            Interlocked.Increment(ref failures);
        }
    }
}
