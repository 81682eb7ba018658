using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Host;

/// <summary>
/// Answers the control plane's read-only queries — accounts, risk, conflicts, execution quality — on the engine
/// thread, between two input events, by copying out of the stages that own the state. It runs inside the chained
/// engine stage, where every stage lives on that one thread, so the copy is consistent and nothing is read while it
/// changes. (In the staged layout the owners run on other threads; the queries are then refused.)
/// </summary>
public sealed class EngineQueries(EngineStages stages, CommandReplyHub replies, bool chained) : IValueEventHandler<InputEvent>
{
    // Chained, this handler answers every query (the chain hands it only query slots); staged, the signal stage
    // answers the strategies query on its own thread and this one refuses the rest.
    private readonly CommandAssembler assembler = new(chained ? CommandKinds.IsQuery : static kind => kind is >= CommandKind.QueryAccounts and <= CommandKind.QueryExecutionQuality);

    /// <summary>Queries answered (or refused) so far.</summary>
    public long Answered { get; private set; }

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        if (!evt.IsQuery || !assembler.TryAccept(in evt, out var command, out var body, out _))
        {
            return;
        }

        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        var reply = !chained
            ? CommandReply.Fail(CommandStatus.Conflict, "Queries need the chained layout (a thread running the stage 'engine').")
            : command.Kind switch
            {
                CommandKind.QueryStrategies => stages.Signals.QueryStrategies(text),
                CommandKind.QueryAccounts => Accounts(text),
                CommandKind.QueryConflicts => CommandReply.Ok(stages.Coordination.ConflictReport(int.TryParse(text, out var limit) && limit > 0 ? Math.Min(limit, 10_000) : 100)),
                CommandKind.QueryRisk => Risk(text),
                _ => CommandReply.Ok(stages.Router.ExecutionQuality()),
            };
        Answered++;
        replies.Complete(command.CorrelationId, reply);
    }

    private CommandReply Accounts(string name)
    {
        var book = stages.Accounts.Book;
        if (name.Length == 0)
        {
            return CommandReply.Ok(Enumerable.Range(0, book.AccountCount).Select(a => book.Snapshot(new AccountId(a))).ToList());
        }

        return stages.AccountNames.TryResolve(name, out var id)
            ? CommandReply.Ok(book.Snapshot(id))
            : CommandReply.Fail(CommandStatus.NotFound, $"No account '{name}'.");
    }

    private CommandReply Risk(string name)
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
        return CommandReply.Ok(new RiskReport(gate.IsGlobalKillSwitchOn, [.. halted.Take(count).Select(stages.AccountNames.NameOf)], verdicts, accounts));
    }
}
