using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Portfolio.Optimization.Rebalancing;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The signal stage's strategy table and the lifecycle commands that change it: create (validate, compile, build
/// algorithms), deploy, stop (optionally flattening), delete, query. Runs on the stage thread; answers through the
/// reply hub. Parsing and compiling allocate — this is the control path, never per market-data event.
/// </summary>
/// <remarks>
/// Bodies: create = the strategy document (JSON); deploy, delete, query = the strategy id (empty query = all);
/// stop = the id, optionally followed by a line <c>flatten</c> to close the strategy's positions as it stops.
/// Strategy ids (<see cref="StrategyId"/>) are never reused: a deleted strategy leaves its slot empty, so intents
/// and orders already in flight still name the right strategy.
/// </remarks>
internal sealed class StrategyCommands(
    InstrumentCatalog catalog,
    MarketAnalytics analytics,
    AccountDirectory accounts,
    RuleCompiler compiler,
    CommandReplyHub replies,
    SignalStageOptions options,
    IntentWriter intents,
    StrategyRegistry registry)
{
    /// <summary>The word after the id in a stop body that asks for the positions to be closed.</summary>
    public const string FlattenFlag = "flatten";

    private readonly List<StrategyRuntime?> table = [];

    // Read by the host's status line on another thread: a plain field written here, never an enumeration of the table.
    public int Count => Volatile.Read(ref count);

    private int count;

    /// <summary>Executes one command; returns true when the set of deployed strategies changed.</summary>
    public bool Execute(CommandData command, ReadOnlySpan<byte> body, long timestamp, long sequence)
    {
        var text = Encoding.UTF8.GetString(body);
        var (reply, changed) = command.Kind switch
        {
            CommandKind.CreateStrategy => Create(text, timestamp, sequence),
            CommandKind.DeployStrategy => Deploy(text.Trim()),
            CommandKind.StopStrategy => Stop(text, timestamp, sequence),
            CommandKind.DeleteStrategy => Delete(text.Trim()),
            CommandKind.QueryStrategies => (Query(text.Trim()), false),
            CommandKind.SetTargetWeights => (SetTargetWeights(text, timestamp, sequence), false),
            _ => (CommandReply.Fail(CommandStatus.BadRequest, $"The signal stage does not handle {command.Kind}."), false),
        };
        replies.Complete(command.CorrelationId, reply);
        return changed;
    }

    /// <summary>The dispatch table: for each instrument, the deployed strategies that watch it.</summary>
    public StrategyRuntime[][] BuildDispatch(int instrumentCount)
    {
        var lists = new List<StrategyRuntime>?[instrumentCount];
        foreach (var strategy in table)
        {
            if (strategy is not { Lifecycle: StrategyLifecycle.Deployed })
            {
                continue;
            }

            foreach (var instrument in strategy.Instruments)
            {
                (lists[instrument.Value] ??= []).Add(strategy);
            }
        }

        var dispatch = new StrategyRuntime[instrumentCount][];
        for (var i = 0; i < instrumentCount; i++)
        {
            dispatch[i] = lists[i] is { } list ? [.. list] : [];
        }

        return dispatch;
    }

    /// <summary>The strategy with dense id <paramref name="id"/> (null when there is none: never created, or deleted).</summary>
    public StrategyRuntime? At(StrategyId id) => (uint)id.Value < (uint)table.Count ? table[id.Value] : null;

    public IReadOnlyList<StrategyView> Views() => [.. table.OfType<StrategyRuntime>().Select(View)];

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(table.Count);
        foreach (var strategy in table)
        {
            if (strategy is null)
            {
                digest.Add(-1);
            }
            else
            {
                strategy.AppendDigest(digest);
            }
        }
    }

    /// <summary>
    /// Everything create checks, without creating anything: <c>{ "valid": true|false, "errors": [ "strategy: field: L:C: reason", ... ] }</c>
    /// (<see cref="StrategyValidation"/>). A query: changes no state, never journalled.
    /// </summary>
    public StrategyValidation Validate(string json)
    {
        var (prepared, failure) = Prepare(json);
        return prepared is not null ? new StrategyValidation(true, []) : new StrategyValidation(false, failure!.Errors);
    }

    /// <summary>
    /// The one validation create and validate share: parses and checks the document (rules compiled), refuses an id in
    /// use and an unknown account, resolves the universe and builds the algorithms and plan. Allocates; changes nothing.
    /// </summary>
    private (Prepared? Prepared, Refusal? Failure) Prepare(string json)
    {
        try
        {
            var document = StrategyDocumentLoader.Parse(json, "strategy", catalog, compiler);
            if (Find(document.Id) is not null)
            {
                var conflict = $"a strategy with id '{document.Id}' already exists (give the document an \"id\", or POST it with ?id=another-id)";
                return (null, new Refusal(CommandStatus.Conflict, "A" + conflict[1..] + ".", [$"strategy: id: {conflict}"]));
            }

            if (!accounts.TryResolve(document.Account, out var account))
            {
                var unknown = $"strategy: account: unknown account '{document.Account}' (known: {string.Join(", ", accounts.Names)})";
                return (null, new Refusal(CommandStatus.BadRequest, unknown, [unknown]));
            }

            // The instruments it trades, default universes included, before anything is built or registered from it.
            document = StrategyUniverseResolver.Resolve(document, options.Universes, catalog);
            var algorithms = StrategyAlgorithmFactory.Create(document, catalog, analytics.TimeframeSeconds, "strategy");
            var currency = account.Value < options.AccountBaseCurrencies.Count ? options.AccountBaseCurrencies[account.Value] : string.Empty;
            var plan = StrategyPlan.Create(document, catalog, analytics, currency, "strategy");
            return (new Prepared(document, algorithms, plan, account), null);
        }
        catch (ConfigurationException e)
        {
            return (null, new Refusal(CommandStatus.BadRequest, e.Message, e.Errors));
        }
    }

    private (CommandReply, bool) Create(string json, long timestamp, long sequence)
    {
        var (prepared, failure) = Prepare(json);
        if (prepared is null)
        {
            return (CommandReply.Fail(failure!.Status, failure.Message), false);
        }

        if (table.Count >= StrategyRegistry.Capacity)
        {
            return (CommandReply.Fail(CommandStatus.Conflict, $"This engine run has created {StrategyRegistry.Capacity} strategies, the most it can."), false);
        }

        var (document, algorithms, plan, account) = prepared;
        var runtime = new StrategyRuntime(new StrategyId(table.Count), account, document, algorithms, catalog, options, plan);
        table.Add(runtime);
        Volatile.Write(ref count, count + 1);
        registry.Register(runtime.Id, document, account);
        runtime.EmitRegistered(timestamp, sequence, intents);
        return (new CommandReply(CommandStatus.Created, null, View(runtime)), false);
    }

    /// <summary>Why a document cannot be created: the reply's status and message, and each problem on its own.</summary>
    private sealed record Refusal(CommandStatus Status, string Message, IReadOnlyList<string> Errors);

    private sealed record Prepared(StrategyDocument Document, IReadOnlyList<IStrategyAlgorithm> Algorithms, StrategyPlan Plan, AccountId Account);

    private (CommandReply, bool) Deploy(string id)
    {
        if (Find(id) is not { } strategy)
        {
            return (NotFound(id), false);
        }

        var changed = strategy.Lifecycle != StrategyLifecycle.Deployed;
        strategy.Lifecycle = StrategyLifecycle.Deployed;
        if (changed)
        {
            strategy.OnDeployed();
        }

        return (CommandReply.Ok(View(strategy)), changed);
    }

    private (CommandReply, bool) Stop(string body, long timestamp, long sequence)
    {
        var lines = body.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var id = lines.Length > 0 ? lines[0] : string.Empty;
        var flatten = lines.Length > 1 && lines[1] == FlattenFlag;
        if (Find(id) is not { } strategy)
        {
            return (NotFound(id), false);
        }

        if (strategy.Lifecycle != StrategyLifecycle.Deployed)
        {
            return (CommandReply.Fail(CommandStatus.Conflict, $"Strategy '{id}' is {strategy.Lifecycle}, not deployed."), false);
        }

        strategy.Lifecycle = StrategyLifecycle.Stopped;
        strategy.OnStopped(flatten);
        if (flatten)
        {
            strategy.EmitCloseAll(timestamp, sequence, IntentReason.StrategyStopped, intents);
        }

        return (CommandReply.Ok(View(strategy)), true);
    }

    private (CommandReply, bool) Delete(string id)
    {
        if (Find(id) is not { } strategy)
        {
            return (NotFound(id), false);
        }

        if (strategy.Lifecycle == StrategyLifecycle.Deployed)
        {
            return (CommandReply.Fail(CommandStatus.Conflict, $"Strategy '{id}' is deployed; stop it before deleting it."), false);
        }

        table[strategy.Id.Value] = null;
        Volatile.Write(ref count, count - 1);
        return (CommandReply.Ok(View(strategy)), false);
    }

    public CommandReply Query(string id)
    {
        if (id.Length == 0)
        {
            return CommandReply.Ok(Views());
        }

        return Find(id) is { } strategy ? CommandReply.Ok(View(strategy)) : NotFound(id);
    }

    private CommandReply SetTargetWeights(string json, long timestamp, long sequence)
    {
        TargetWeightsRequest request;
        try
        {
            request = TargetWeightsRequest.Parse(json);
        }
        catch (JsonException e)
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"rebalance request: {e.Message}");
        }

        if (request.FindProblem() is { } problem)
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"rebalance request: {problem.Field}: {problem.Message}");
        }

        if (Find(request.Strategy) is not { } strategy)
        {
            return NotFound(request.Strategy);
        }

        if (request.Account is { } account && account != accounts.NameOf(strategy.Account))
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"rebalance request: account: strategy '{request.Strategy}' trades in '{accounts.NameOf(strategy.Account)}', not '{account}'");
        }

        if (strategy.Lifecycle != StrategyLifecycle.Deployed)
        {
            return CommandReply.Fail(CommandStatus.Conflict, $"Strategy '{request.Strategy}' is {strategy.Lifecycle}, not deployed.");
        }

        var targets = new List<(InstrumentId, double)>();
        foreach (var (symbol, weight) in request.Weights.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (!catalog.TryGet(symbol, out var instrument) || !instrument.IsTradable)
            {
                return CommandReply.Fail(CommandStatus.BadRequest, $"rebalance request: weights.{symbol}: not a tradable instrument of the catalogue");
            }

            targets.Add((instrument.Id, weight));
        }

        var reason = request.Action == Portfolio.Optimization.Rebalancing.RebalanceAction.Rebalance ? IntentReason.Rebalance : IntentReason.Operator;
        foreach (var (instrument, weight) in targets)
        {
            strategy.EmitTargetWeight(instrument, weight, reason, timestamp, sequence, analytics, intents);
        }

        return CommandReply.Ok(targets.Count);
    }

    private StrategyRuntime? Find(string id) => table.FirstOrDefault(s => s is not null && s.Document.Id == id);

    private static CommandReply NotFound(string id) => CommandReply.Fail(CommandStatus.NotFound, $"No strategy with id '{id}'.");

    private StrategyView View(StrategyRuntime s) => new(
        s.Document.Id,
        s.Id.Value,
        s.Document.Name,
        s.Document.Type,
        accounts.NameOf(s.Account),
        s.Lifecycle,
        [.. s.Instruments.Select(i => catalog[i].Symbol)],
        s.AlgorithmCount,
        s.RuleCount,
        s.Signals,
        s.RuleEvaluations,
        s.RuleFirings,
        s.Intents,
        s.Document);
}
