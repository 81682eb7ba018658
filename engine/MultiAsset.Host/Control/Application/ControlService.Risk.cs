using System.Globalization;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Host.Control.Security;
using MultiAsset.Host.RiskAnalysis;

namespace MultiAsset.Host.Control.Application;

/// <summary>Cross-asset risk reads: the live correlation matrix with its long-run counterpart and breaks.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// <c>GET /risk/correlation</c>: the live EWMA correlation matrix, the long-run one and the pairs beyond
    /// <paramref name="threshold"/> (text from the query string; default <see cref="CorrelationReport.DefaultBreakThreshold"/>).
    /// <paramref name="symbols"/> (comma-separated) cuts the matrices to those instruments, in that order.
    /// Market data, not account data: every role and scope may read it.
    /// </summary>
    public async Task<ControlResult> CorrelationAsync(ControlCaller caller, string? threshold, CancellationToken cancellationToken, string? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var limit = CorrelationReport.DefaultBreakThreshold;
        if (threshold is not null
            && (!double.TryParse(threshold, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out limit) || !double.IsFinite(limit) || limit is <= 0 or > 2))
        {
            return ControlResult.Fail(400, $"threshold must be a number in (0, 2] (a change in correlation) but is '{threshold}'.", "threshold");
        }

        // An unscoped read of every account's inputs, of which only the market part (the matrices) is used.
        var reply = await engine.SendAsync(CommandKind.QueryRisk, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded || reply.Result is not RiskReport { Inputs: { } inputs })
        {
            return FromReply(reply);
        }

        if (symbols is not null)
        {
            var asked = symbols.Split(',', StringSplitOptions.TrimEntries);
            if (asked.Length == 0 || asked.Any(s => s.Length == 0) || asked.Distinct(StringComparer.Ordinal).Count() != asked.Length)
            {
                return ControlResult.Fail(400, $"symbols must be a comma-separated list of distinct symbols but is '{symbols}'.", "symbols");
            }

            if (!inputs.TrySubset(asked, out inputs, out var missing))
            {
                return ControlResult.Fail(400, $"symbols: '{missing}' is not in the correlation universe (marketData.analytics.correlation.universe).", "symbols");
            }
        }

        return ControlResult.Ok(ResultJson.Serialize(CorrelationReport.Build(inputs, limit)));
    }
}
