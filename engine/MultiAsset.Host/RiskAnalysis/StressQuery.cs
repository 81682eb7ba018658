using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Risk.Analytics.Stress;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// Answers <c>QueryStress</c> (<c>POST /risk/stress</c>) on the engine thread, between two input events: each account
/// asked for (all by default) revalued under each scenario named or given in the body, from its positions, cash, marks
/// and FX rates at that moment, with the limits of <c>risk.json</c> that would be breached. A read: nothing is
/// journalled or changed; the work is a revaluation of a few positions per scenario.
/// </summary>
internal static class StressQuery
{
    /// <summary>The answer: one result per account and scenario, and the accounts that could not be stressed with why.</summary>
    /// <param name="Results">Per account, then per scenario.</param>
    /// <param name="Skipped">Accounts left out (e.g. a currency without an FX rate yet).</param>
    internal sealed record StressReport(IReadOnlyList<StressResult> Results, IReadOnlyList<SkippedAccount> Skipped);

    /// <summary>An account the stress could not value.</summary>
    /// <param name="Account">The account.</param>
    /// <param name="Reason">Why.</param>
    internal sealed record SkippedAccount(string Account, string Reason);

    public static CommandReply Answer(EngineStages stages, string text)
    {
        var library = stages.Scenarios ?? ScenarioLibrary.Empty;
        var book = stages.Accounts.Book;
        var catalog = book.Catalog;
        var accounts = Enumerable.Range(0, book.AccountCount).Select(a => stages.AccountNames.NameOf(new AccountId(a))).ToList();
        var symbols = catalog.Tradable.Select(i => i.Symbol).ToHashSet(StringComparer.Ordinal);
        if (!StressRequestParser.TryParse(text, library, symbols, accounts.ToHashSet(StringComparer.Ordinal), out var request, out var problems))
        {
            // "stress: path: reason; path: reason" — the application layer names the first path as the problem's field.
            var detail = problems.Count == 0 ? "$: the request was refused" : string.Join("; ", problems.Take(20).Select(p => $"{p.Path}: {p.Message}"));
            return CommandReply.Fail(CommandStatus.BadRequest, $"stress: {detail}{(problems.Count > 20 ? $"; and {problems.Count - 20} more" : string.Empty)}");
        }

        var scenarios = request!.Scenarios(library);
        var usd = StressBookBuilder.UsdPerUnit(book.Rates);
        decimal? Mark(string symbol) => catalog.TryGet(symbol, out var instrument) && book.TryGetMark(instrument.Id, out var mark) ? mark.ToDecimal() : null;
        var results = new List<StressResult>();
        var skipped = new List<SkippedAccount>();
        foreach (var name in request.Accounts.Count > 0 ? request.Accounts : accounts)
        {
            stages.AccountNames.TryResolve(name, out var id);
            try
            {
                var held = StressBookBuilder.FromAccount(book.Snapshot(id), catalog, usd);
                var whatIf = request.Positions.Where(p => p.Account is null || p.Account == name).ToList();
                if (whatIf.Count > 0 || request.PositionsMode == WhatIfMode.Replace)
                {
                    held = StressBookBuilder.ApplyWhatIf(held, whatIf, request.PositionsMode, catalog, usd, Mark);
                }

                var limits = StressLimits.FromRiskConfig(stages.Risk.Gate.Config, id);
                results.AddRange(scenarios.Select(s => StressEngine.Run(held, s, limits, library.Factors)));
            }
            catch (ArgumentException e)
            {
                skipped.Add(new SkippedAccount(name, e.Message));
            }
        }

        return CommandReply.Ok(new StressReport(results, skipped));
    }
}
