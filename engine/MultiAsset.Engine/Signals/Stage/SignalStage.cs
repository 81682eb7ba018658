using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// Stage 2: turns market data into intents. Runs after the market-data stage on the input ring (reading its analytics
/// in place) and publishes into the intent ring. Owns the strategy table: strategies are created, deployed, stopped
/// and deleted by command events on the input ring, so lifecycle changes are journalled and replayed with the data.
/// </summary>
/// <remarks>
/// <para>Dispatch: <c>byInstrument[id]</c> is the array of deployed strategies that watch instrument <c>id</c>,
/// rebuilt on every lifecycle change (control path) — the per-event cost is one array index and a loop over the
/// strategies that care. Instruments nobody watches cost one index and an empty loop.</para>
/// <para>Only accepted market data reaches strategies (<see cref="InputEvent.IsAccepted"/>); the market-data
/// stage's rejects are not for trading on.</para>
/// </remarks>
public sealed class SignalStage : IValueEventHandler<InputEvent>, IDigestOnRequest
{
    private static readonly StrategyRuntime[] None = [];

    private readonly MarketAnalytics analytics;
    private readonly IntentWriter intents;
    private readonly StrategyCommands commands;
    private readonly CommandAssembler assembler = new(IsStrategyCommand);
    private StrategyRuntime[][] byInstrument;
    private readonly DigestRequest digest = new();
    private readonly CommandAssembler controlAssembler = new(static kind => kind is CommandKind.SetKillSwitch or CommandKind.SubmitOrders);
    private readonly InstrumentCatalog catalog;
    private readonly RuleCompilerOptions ruleOptions;
    private readonly AccountDirectory accounts;
    private readonly CommandReplyHub replyHub;
    private readonly long heartbeatInterval;
    private long nextHeartbeat = long.MinValue;
    private long eventTime;

    /// <summary>Creates the stage over the market-data analytics, publishing into <paramref name="intentRing"/>.</summary>
    public SignalStage(
        InstrumentCatalog catalog,
        MarketAnalytics analytics,
        AccountDirectory accounts,
        ValueRingBuffer<IntentEvent> intentRing,
        StrategyRegistry registry,
        CommandReplyHub? replies = null,
        SignalStageOptions? options = null,
        RuleCompilerOptions? ruleOptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(analytics);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(intentRing);
        ArgumentNullException.ThrowIfNull(registry);
        this.analytics = analytics;
        this.accounts = accounts;
        this.catalog = catalog;
        replyHub = replies ?? new CommandReplyHub();
        options ??= new SignalStageOptions();
        heartbeatInterval = (long)options.HeartbeatInterval.TotalNanoseconds;
        intents = new IntentWriter(intentRing);
        this.ruleOptions = ruleOptions ?? new RuleCompilerOptions();
        var compiler = new RuleCompiler(catalog, analytics.TimeframeSeconds, this.ruleOptions);
        commands = new StrategyCommands(catalog, analytics, accounts, compiler, replyHub, options, intents, registry);
        byInstrument = new StrategyRuntime[catalog.Count][];
        Array.Fill(byInstrument, None);
    }

    /// <inheritdoc />
    public string DigestName => "signals";

    /// <summary>Intents published so far (read from the stage thread, or after it stopped).</summary>
    public long IntentsPublished => intents.Published;

    /// <summary>Commands whose body never arrived in full.</summary>
    public long IncompleteCommands => assembler.Incomplete;

    /// <summary>Number of strategies in the table (any state).</summary>
    public int StrategyCount => commands.Count;

    /// <inheritdoc />
    /// <remarks>Also publishes a <see cref="IntentKind.DigestMarker"/> so the stages after it digest at the same input.</remarks>
    public void RequestDigestAt(long sequence) => digest.At(sequence);

    /// <inheritdoc />
    public ulong? RequestedDigest => digest.Value;

    /// <summary>Copies of every strategy's state, in id order. Call from the stage thread or after the pipeline stopped.</summary>
    public IReadOnlyList<StrategyView> Views() => commands.Views();

    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.IsMarketData || evt.IsExecution)
        {
            // Commands take effect at the engine's event time, not at the wall-clock time their sender stamped on them:
            // state must be a function of the input order alone, or a replay would not rebuild it.
            eventTime = evt.Timestamp;
        }

        if (evt.IsMarketData)
        {
            if (evt.IsAccepted)
            {
                var watchers = byInstrument[evt.Instrument.Value];
                for (var i = 0; i < watchers.Length; i++)
                {
                    watchers[i].OnEvent(in evt, sequence, analytics, intents);
                }
            }
        }
        else if (evt.IsExecution)
        {
            // Algorithms that decide on their own position by fills (SmaCross) see their strategy's reports first.
            if (evt.Execution.Strategy.IsValid && commands.At(evt.Execution.Strategy) is { } owner)
            {
                owner.OnExecution(in evt);
            }

            intents.PublishExecution(in evt);
        }
        else if (assembler.TryAccept(in evt, out var command, out var body, out _))
        {
            if (commands.Execute(command, body, eventTime, sequence))
            {
                byInstrument = commands.BuildDispatch(byInstrument.Length);
            }
        }
        else if (controlAssembler.TryAccept(in evt, out var control, out var controlBody, out _))
        {
            var reply = control.Kind == CommandKind.SetKillSwitch
                ? KillSwitchCommand.Execute(controlBody, accounts, intents, eventTime, sequence)
                : OperatorOrdersCommand.Execute(controlBody, accounts, catalog, analytics, intents, eventTime, sequence);
            replyHub.Complete(control.CorrelationId, reply);
        }

        // Every accepted bar gets a heartbeat of its own: the router hands a new bar to the next-bar venues at a
        // heartbeat, so with several instruments' bars at one instant the later ones would otherwise fill one event
        // late (stamped at the next event's time, or — were that the same instrument's next bar — from the wrong bar).
        var bar = evt.Kind == InputEventKind.Bar && evt.IsAccepted;
        if ((evt.Timestamp >= nextHeartbeat && (evt.IsMarketData || evt.IsExecution)) || bar)
        {
            nextHeartbeat = Math.Max(nextHeartbeat, evt.Timestamp + heartbeatInterval);
            intents.PublishHeartbeat(evt.Timestamp, sequence);
        }

        if (digest.IsDue(sequence))
        {
            digest.Take(this);
            intents.PublishDigestMarker(sequence, evt.Timestamp);
        }
    }

    /// <summary>
    /// Answers a strategies query (one id, or all with an empty id) with copies of the strategies' state. Call on the
    /// stage's own thread (the chained engine's query handler) between two input events.
    /// </summary>
    public CommandReply QueryStrategies(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return commands.Query(id.Trim());
    }

    /// <summary>
    /// What creating <paramref name="json"/> would answer, without creating it (the same checks as create). Call on the
    /// stage's own thread, like <see cref="QueryStrategies"/>; changes nothing.
    /// </summary>
    public CommandReply ValidateStrategy(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return CommandReply.Ok(commands.Validate(json));
    }

    /// <summary>The rule editor's vocabulary: what the compiler binds against (the catalogue, timeframes, aliases).</summary>
    public RuleVocabularyView RuleVocabulary() => new(
        [.. Enumerable.Range(0, catalog.Count).Select(i => catalog[new InstrumentId(i)]).Select(i => (i.Symbol, AssetClassNames.ToSeedName(i.AssetClass), i.IsTradable))],
        ruleOptions.Aliases,
        [.. analytics.TimeframeSeconds.Select(RuleCompiler.FormatTimeframe)],
        RuleCompiler.FormatTimeframe(ruleOptions.DefaultTimeframeSeconds));

    /// <inheritdoc />
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(intents.Published).Add(nextHeartbeat).Add(eventTime);
        commands.AppendDigest(builder);
    }

    private static bool IsStrategyCommand(CommandKind kind) => kind is >= CommandKind.CreateStrategy and <= CommandKind.SetTargetWeights;
}
