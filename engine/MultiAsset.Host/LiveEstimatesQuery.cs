using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Optimization.Live;
using MultiAsset.Engine.Signals.Stage;

namespace MultiAsset.Host;

/// <summary>
/// Answers <c>QueryEstimates</c> on the engine thread: the live estimates (see <see cref="LiveEstimates"/>) of an
/// account's universe — the instruments of its deployed strategies (or of one strategy) and those it holds — or of the
/// assets asked for. A query: copies out of the analytics, never journalled, changes nothing.
/// </summary>
internal static class LiveEstimatesQuery
{
    /// <summary>The query body.</summary>
    internal sealed record Body(string Account, string? Strategy, IReadOnlyList<string>? Assets);

    public static CommandReply Answer(EngineStages stages, string text)
    {
        Body? body;
        try
        {
            body = JsonSerializer.Deserialize<Body>(text, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"estimates query: {e.Message}");
        }

        if (body is null || string.IsNullOrEmpty(body.Account))
        {
            return CommandReply.Fail(CommandStatus.BadRequest, "estimates query: an account is required");
        }

        if (!stages.AccountNames.TryResolve(body.Account, out var account))
        {
            return CommandReply.Fail(CommandStatus.NotFound, $"No account '{body.Account}' (portfolioId is an account id).");
        }

        var catalog = stages.Accounts.Book.Catalog;
        var analytics = stages.MarketData.Analytics;
        var source = new MarketAnalyticsLiveSource(analytics);
        var excluded = new Dictionary<string, string>(StringComparer.Ordinal);
        var assets = new List<(int, string)>();
        if (body.Assets is { Count: > 0 } asked)
        {
            foreach (var symbol in asked)
            {
                if (!catalog.TryGet(symbol, out var instrument) || !instrument.IsTradable)
                {
                    return Problem("assets", $"assets: '{symbol}' is not a tradable instrument of the catalogue.", excluded);
                }

                assets.Add((instrument.Id.Value, instrument.Symbol));
            }
        }
        else
        {
            var views = stages.Signals.QueryStrategies(string.Empty).Result as IEnumerable<StrategyView> ?? [];
            var symbols = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var view in views)
            {
                if (view.Account == body.Account && (body.Strategy is null ? view.Status == StrategyLifecycle.Deployed : view.Id == body.Strategy))
                {
                    symbols.UnionWith(view.Instruments);
                }
            }

            if (body.Strategy is not null && !views.Any(v => v.Id == body.Strategy && v.Account == body.Account))
            {
                return CommandReply.Fail(CommandStatus.NotFound, $"No strategy '{body.Strategy}' in account '{body.Account}'.");
            }

            if (body.Strategy is null)
            {
                foreach (var instrument in catalog.Tradable)
                {
                    if (stages.Accounts.Book.Position(account, instrument.Id).Raw != 0)
                    {
                        symbols.Add(instrument.Symbol);
                    }
                }
            }

            foreach (var symbol in symbols)
            {
                if (!catalog.TryGet(symbol, out var instrument))
                {
                    continue;
                }

                if (source.InCovariance(instrument.Id.Value))
                {
                    assets.Add((instrument.Id.Value, symbol));
                }
                else
                {
                    excluded[symbol] = "not in the live covariance universe (marketData.analytics.correlation.universe)";
                }
            }

            if (assets.Count == 0)
            {
                return Problem("portfolioId", symbols.Count == 0
                    ? $"Account '{body.Account}' has no universe yet: no deployed strategy names instruments and it holds no position; give assets."
                    : $"None of account '{body.Account}''s instruments ({string.Join(", ", symbols)}) is in the live covariance universe; give assets from it.", excluded);
            }
        }

        try
        {
            var options = LiveEstimateOptions.From(stages.AnalyticsOptions ?? new Engine.MarketData.Analytics.AnalyticsOptions());
            var asOf = assets.Max(a => analytics.Instrument(new InstrumentId(a.Item1)).LastUpdate);
            var estimates = LiveEstimator.Estimate(source, assets, options, asOf);
            return CommandReply.Ok(new LiveEstimatesAnswer(estimates, 200, null, null, excluded));
        }
        catch (LiveEstimatesUnavailableException e)
        {
            return Problem(e.Field, e.Message, excluded);
        }
    }

    private static CommandReply Problem(string field, string message, Dictionary<string, string> excluded)
        => CommandReply.Ok(new LiveEstimatesAnswer(null, 422, field, message, excluded));
}
