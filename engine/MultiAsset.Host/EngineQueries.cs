using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Signals.Stage;

namespace MultiAsset.Host;

/// <summary>
/// Answers the control plane's read-only queries — strategies, accounts, risk, conflicts, execution quality, orders, fills — waiting in
/// the <see cref="QueryInbox"/>, on the engine thread between two input events, by copying out of the stages that own
/// the state. Chained, every stage lives on that one thread, so the copy is consistent and nothing is read while it
/// changes; the chain calls <see cref="Serve"/>. Staged, this handler runs on the signal stage's thread (beside it, for
/// every input event) and answers only the strategies query; the others need the chained layout and are refused.
/// Nothing here is journalled or changes any state.
/// </summary>
public sealed class EngineQueries(EngineStages stages, QueryInbox inbox, bool chained) : IValueEventHandler<InputEvent>, IQueryServer
{
    private readonly Func<CommandKind, string, CommandReply> answer = (kind, body) => Answer(stages, chained, kind, body.Trim());

    /// <inheritdoc />
    public QueryInbox Inbox => inbox;

    /// <inheritdoc />
    public void Serve() => inbox.Serve(answer);

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        if (inbox.HasPending)
        {
            Serve();
        }
    }

    private static CommandReply Answer(EngineStages stages, bool chained, CommandKind kind, string text)
    {
        if (kind == CommandKind.QueryStrategies)
        {
            return chained ? WithCapital(stages, stages.Signals.QueryStrategies(text)) : stages.Signals.QueryStrategies(text);
        }

        if (kind == CommandKind.ValidateStrategy)
        {
            return stages.Signals.ValidateStrategy(text);
        }

        if (kind == CommandKind.QueryRuleVocabulary)
        {
            return CommandReply.Ok(stages.Signals.RuleVocabulary());
        }

        if (!chained)
        {
            return CommandReply.Fail(CommandStatus.Conflict, "Queries need the chained layout (a thread running the stage 'engine').");
        }

        return kind switch
        {
            CommandKind.QueryAccounts => Accounts(stages, text),
            CommandKind.QueryConflicts => CommandReply.Ok(stages.Coordination.ConflictReport(int.TryParse(text, out var limit) && limit > 0 ? Math.Min(limit, 10_000) : 100)),
            CommandKind.QueryRisk => Risk(stages, text),
            CommandKind.QueryExecutionQuality => CommandReply.Ok(stages.Router.ExecutionQuality()),
            CommandKind.QueryOrders => Engine.Routing.Orders.OrderQueries.Orders(stages.Router, stages.AccountNames, text),
            CommandKind.QueryFills => Engine.Routing.Orders.OrderQueries.Fills(stages.Router, stages.AccountNames, text),
            CommandKind.QueryEstimates => LiveEstimatesQuery.Answer(stages, text),
            CommandKind.QueryRebalanceOutcome => RebalanceOutcomeQuery.Answer(stages, text),
            CommandKind.QueryStress => RiskAnalysis.StressQuery.Answer(stages, text),
            _ => CommandReply.Fail(CommandStatus.BadRequest, $"{kind} is not a query."),
        };
    }

    private static CommandReply Accounts(EngineStages stages, string name)
    {
        var book = stages.Accounts.Book;
        if (name.Length == 0)
        {
            return CommandReply.Ok(Enumerable.Range(0, book.AccountCount).Select(a => PnlNames.Name(book.Snapshot(new AccountId(a)), stages)).ToList());
        }

        return stages.AccountNames.TryResolve(name, out var id)
            ? CommandReply.Ok(PnlNames.Name(book.Snapshot(id), stages))
            : CommandReply.Fail(CommandStatus.NotFound, $"No account '{name}'.");
    }

    private static CommandReply Risk(EngineStages stages, string name)
    {
        var gate = stages.Risk.Gate;
        var book = stages.Accounts.Book;
        IEnumerable<int> ids = Enumerable.Range(0, book.AccountCount);
        if (name.Length > 0)
        {
            if (!stages.AccountNames.TryResolve(name, out var one))
            {
                return CommandReply.Fail(CommandStatus.NotFound, $"No account '{name}'.");
            }

            ids = [one.Value];
        }

        var halted = new AccountId[book.AccountCount];
        var count = gate.HaltedAccounts(halted);
        var verdicts = Enum.GetValues<RiskVerdict>().Where(v => v != RiskVerdict.Pending).ToDictionary(v => v.ToString(), gate.VerdictTotal);
        var accounts = ids.Select(a =>
        {
            var id = new AccountId(a);
            var exposure = Enum.GetValues<AssetClass>().ToDictionary(AssetClassNames.ToSeedName, c => book.ExposureByAssetClass(id, c).Gross.ToDecimal());
            return new AccountRisk(
                stages.AccountNames.NameOf(id),
                book.Currencies[book.BaseCurrency(id)],
                book.Equity(id).ToDecimal(),
                book.GrossExposure(id).ToDecimal(),
                book.Leverage(id),
                book.DrawdownFraction(id),
                book.DailyPnl(id).ToDecimal(),
                exposure,
                gate.IsHalted(id),
                Enum.GetValues<RiskVerdict>().Where(v => v != RiskVerdict.Pending && gate.VerdictCount(id, v) > 0).ToDictionary(v => v.ToString(), v => gate.VerdictCount(id, v)));
        }).ToList();
        var strategies = StrategyRiskReport.Build(stages, name.Length > 0 ? ids.ToHashSet() : null);
        return CommandReply.Ok(new RiskReport(gate.IsGlobalKillSwitchOn, [.. halted.Take(count).Select(stages.AccountNames.NameOf)], verdicts, accounts, strategies)
        {
            Inputs = RiskAnalysis.RiskInputsCapture.Capture(stages, ids),
        });
    }

    /// <summary>
    /// The strategy views with the capital coordination sizes them with (read on the engine thread, between two input
    /// events), so a strategy that cannot trade for want of capital says so in its view.
    /// </summary>
    private static CommandReply WithCapital(EngineStages stages, CommandReply reply)
    {
        StrategyView Enrich(StrategyView view) => view with { Capital = stages.Coordination.CapitalStatus(new StrategyId(view.StrategyId)) };
        return reply.Result switch
        {
            StrategyView one => reply with { Result = Enrich(one) },
            IReadOnlyList<StrategyView> many => reply with { Result = many.Select(Enrich).ToList() },
            _ => reply,
        };
    }
}
