using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Journal.Snapshots;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Risk.Strategies;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Host;

/// <summary>
/// The engine as the host runs it: the input, intent and order rings, the stages wired on them, laid out on threads
/// as the configuration says, and the feeds that publish into the input ring.
/// </summary>
/// <remarks>
/// <code>
///  feeds, commands ─> [input] ─> journal ─> marketdata ─> signals (accounts + strategies) ─> [intents] ─> coordination ─> [orders] ─> risk ─> router ─> venues
///                         ^──────────────────────────── venue reports (acks, fills, rejects) ─────────────────────────────────────────────┘
/// </code>
/// <para>Two layouts. <b>Chained</b> (a thread runs the stage <c>engine</c>, the default): every input event runs
/// through all business stages before the next (<see cref="EngineChain{TInput, THead}"/>), so each stage reads the
/// analytics and the account book exactly as of that event and the result depends on the input order alone — the
/// journal's recovery and backtests rebuild it exactly. <b>Staged</b> (threads name <c>marketdata</c>,
/// <c>signals</c>, <c>coordination</c>, <c>risk</c>): each stage consumes its ring in batches, on the threads the
/// layout gives; later stages read the earlier ones' state as of the end of a batch, so results can vary with
/// timing (use it to measure, not to reproduce).</para>
/// <para>The accounts stage and the signal stage always run together (<c>signals</c>), one after the other per
/// event, so the stop-loss closes and the strategies' intents of an input event reach coordination in order.</para>
/// </remarks>
public sealed class EngineRuntime : IDisposable
{
    /// <summary>Name of the market-data stage in <c>pipeline.threads[].stages</c>.</summary>
    public const string MarketDataStageName = "marketdata";

    /// <summary>Name of the accounts + signals stage.</summary>
    public const string SignalsStageName = "signals";

    /// <summary>Name of the coordination stage.</summary>
    public const string CoordinationStageName = "coordination";

    /// <summary>Name of the risk stage.</summary>
    public const string RiskStageName = "risk";

    /// <summary>Name of the router stage.</summary>
    public const string RouterStageName = "router";

    /// <summary>Name of the chained business stages (the default layout).</summary>
    public const string ChainStageName = "engine";

    /// <summary>Name of the input ring in <c>pipeline.rings</c>.</summary>
    public const string InputRingName = "input";

    /// <summary>Name of the intent ring.</summary>
    public const string IntentRingName = "intents";

    /// <summary>Name of the order ring.</summary>
    public const string OrderRingName = "orders";

    /// <summary>Name of the journaller in <c>pipeline.threads[].stages</c> (present when a journal is configured).</summary>
    public const string JournalStageName = "journal";

    private EngineRuntime(EnginePipeline pipeline, ValueRingBuffer<InputEvent> input, EngineStages stages, IReadOnlyList<IMarketDataFeed> feeds, JournalStage? journal, CommandClient commands, IEngineChain? chain)
    {
        Chain = chain;
        var chained = chain is not null;
        Chained = chained;
        Pipeline = pipeline;
        Input = input;
        Stages = stages;
        Feeds = feeds;
        Journal = journal;
        Commands = commands;
    }

    /// <summary>The chained engine stage (null in the staged layout): input numbering and the count of query slots.</summary>
    public IEngineChain? Chain { get; }

    /// <summary>The journaller, when a journal is configured.</summary>
    public JournalStage? Journal { get; }

    /// <summary>The order audit trail (docs/audit-trail.md), when a journal is configured with <c>audit</c> on (chained layout).</summary>
    public AuditTrailWriter? AuditTrail { get; private init; }

    /// <summary>The periodic snapshots, when a journal is configured with snapshots on (chained layout).</summary>
    public SnapshotScheduler? Snapshots { get; private init; }

    /// <summary>
    /// The input (journal) sequence of the first input event the chain will see: 0, or the restored snapshot's sequence
    /// when recovery starts from one (the stages must record the same input sequences a full replay would). Set before
    /// any event is published.
    /// </summary>
    public long InputSequenceBase
    {
        get => Chain?.NextInputSequence ?? 0;
        set => (Chain ?? throw new InvalidOperationException("only the chained layout can start from a snapshot")).NextInputSequence = value;
    }

    /// <summary>The pipeline (not started).</summary>
    public EnginePipeline Pipeline { get; }

    /// <summary>The input ring the feeds and the control plane publish into.</summary>
    public ValueRingBuffer<InputEvent> Input { get; }

    /// <summary>True in the chained layout (the business stages run event by event as one stage).</summary>
    public bool Chained { get; }

    /// <summary>The business stages.</summary>
    public EngineStages Stages { get; }

    /// <summary>The market-data stage (counters and analytics).</summary>
    public MarketDataStage MarketData => Stages.MarketData;

    /// <summary>The feeds, in configuration order.</summary>
    public IReadOnlyList<IMarketDataFeed> Feeds { get; }

    /// <summary>How the control plane sends commands and waits for the owning stage's reply.</summary>
    public CommandClient Commands { get; }

    /// <summary>
    /// Wires the engine and opens (recovers) the journal; throws <see cref="ConfigurationException"/> when the layout
    /// does not fit the stages and <see cref="JournalException"/> when the journal cannot be opened safely.
    /// <paramref name="logger"/> gets the journal's messages, <paramref name="feedLogger"/> the feeds' (bad rows, time
    /// gaps, replay summaries; <paramref name="logger"/> when null). <paramref name="observe"/> (chained layout) makes
    /// an observer of every input event from the stages (a backtest's recorder).
    /// </summary>
    public static EngineRuntime Build(HostConfig config, IClock clock, IEventExceptionHandler exceptionHandler, ILogger? logger = null, ILogger? feedLogger = null, Func<EngineStages, IChainObserver>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new PipelineBuilder(config.Pipeline, exceptionHandler, config.Source);
        var input = builder.AddRing<InputEvent>(InputRingName, fedExternally: true);
        var chained = config.Pipeline.Threads.Any(t => t.Stages.Contains(ChainStageName));
        if (!chained && config.Journal is not null)
        {
            // Staged, the simulated venues' reports go into the input ring: journalled, then replayed while the venues
            // produce them again — a recovery would apply every fill twice.
            throw new ConfigurationException($"{config.Source}: journal: a journal needs the chained layout (a thread running the stage '{ChainStageName}'); the staged layout is for measurement");
        }

        // Chained, the intent and order rings live inside the engine stage (produced and drained on its thread).
        var intents = chained ? null : builder.AddRing<IntentEvent>(IntentRingName);
        var orders = chained ? null : builder.AddRing<OrderEvent>(OrderRingName);
        var intentRing = intents?.Ring ?? new ValueRingBuffer<IntentEvent>(RingSize(config, IntentRingName));
        var orderRing = orders?.Ring ?? new ValueRingBuffer<OrderEvent>(RingSize(config, OrderRingName));
        var stages = EngineStages.Create(config, intentRing, orderRing, chained ? null : input.Ring);
        JournalStage? journal = null;
        IEngineChain? chainStage = null;
        var queryInbox = new QueryInbox(input.Ring, clock);
        SnapshotScheduler? snapshots = null;
        AuditTrailWriter? trail = null;
        AuditRecorder? recorder = null;
        var feeds = new List<IMarketDataFeed>();
        try
        {
            if (config.Journal is { } journalOptions)
            {
                journal = new JournalStage(JournalWriter.Open(journalOptions, logger), journalOptions.Durability, clock);
                builder.AddStage(JournalStageName, input, journal);
                if (chained && journalOptions.AuditTrail)
                {
                    // The output log beside the input journal: bound to this journal's id; records of inputs the journal
                    // does not hold (a lost unsynced tail) are cut; the replay below regenerates whatever is missing.
                    trail = AuditTrailWriter.Open(AuditTrailOptions.For(journalOptions), journal.Writer.JournalId, journal.RecoveredRecords - 1, logger);
                    recorder = new AuditRecorder(trail);
                    stages.Risk.Audit = recorder;
                    stages.Router.Audit = recorder;
                }
                if (chained && config.Snapshots is { Enabled: true } snapshotOptions)
                {
                    snapshots = new SnapshotScheduler(snapshotOptions, config.Fingerprint, stages.SnapshotRoots, EngineSnapshotPolicy.Instance, journal.Writer, logger);
                }
            }

            // Sync durability: nothing changes state before it is on disk. Async: the stages run beside the journaller —
            // on a thread of their own, or fused behind it on its thread (then each batch is appended, not flushed,
            // before the stages see it: the gate costs nothing there).
            var fusedWithJournal = config.Pipeline.Threads.Any(t => t.Stages.Contains(JournalStageName) && t.Stages.Any(s => s != JournalStageName));
            var gated = config.Journal is { Durability: JournalDurability.Sync } || (config.Journal is not null && fusedWithJournal) ? new[] { JournalStageName } : [];
            var signals = new SequentialHandler<InputEvent, AccountsStage, SignalStage>(stages.Accounts, stages.Signals);
            if (chained)
            {
                var coordination = new InlineRingConsumer<IntentEvent, CoordinationStage>(intentRing, stages.Coordination, CoordinationStageName, exceptionHandler);
                var execution = new InlineRingConsumer<OrderEvent, SequentialHandler<OrderEvent, RiskStage, RouterStage>>(
                    orderRing, new SequentialHandler<OrderEvent, RiskStage, RouterStage>(stages.Risk, stages.Router), RiskStageName, exceptionHandler);
                var chain = new EngineChain<DeskChainHead, DeskFeedbackHead>(
                    new DeskChainHead(stages.MarketData, stages.Accounts, stages.Signals), new DeskFeedbackHead(stages.Accounts, stages.Signals),
                    stages.Router.TryTake, coordination.Drain, execution.Drain)
                {
                    AfterEvent = snapshots is null ? stages.TakeChainDigest : AfterEventWithSnapshots(stages, snapshots),
                    Observer = ChainObservers.Combine(observe?.Invoke(stages), recorder),
                    Queries = new EngineQueries(stages, queryInbox, chained: true),
                };
                chainStage = chain;
                if (recorder is not null)
                {
                    recorder.Chain = chain;
                }
                builder.AddStage(ChainStageName, input, chain, after: gated);
            }
            else
            {
                builder.AddStage(MarketDataStageName, input, stages.MarketData, after: gated);
                builder.AddStage(SignalsStageName, input, new SequentialHandler<InputEvent, SequentialHandler<InputEvent, AccountsStage, SignalStage>, EngineQueries>(signals, new EngineQueries(stages, queryInbox, chained: false)), after: [MarketDataStageName], publishesTo: [IntentRingName]);
                builder.AddStage(CoordinationStageName, intents!, stages.Coordination, publishesTo: [OrderRingName]);
                builder.AddStage(RiskStageName, orders!, stages.Risk);
                builder.AddStage(RouterStageName, orders!, stages.Router, after: [RiskStageName]);
            }

            var pipeline = builder.Build();

            // The type analysis of the first snapshot happens now, while nothing runs, not in the first snapshot's pause.
            snapshots?.Warm();
            foreach (var definition in config.MarketData.Feeds)
            {
                feeds.Add(definition.Create(input.Ring, config.MarketData.Catalog, clock, feedLogger ?? logger));
            }

            return new EngineRuntime(pipeline, input.Ring, stages, feeds, journal, new CommandClient(input.Ring, stages.Replies, clock, queryInbox), chainStage)
            {
                Snapshots = snapshots,
                AuditTrail = trail,
            };
        }
        catch
        {
            snapshots?.Dispose();
            feeds.ForEach(f => f.Dispose());
            trail?.Dispose();
            journal?.Writer.Dispose();
            throw;
        }
    }

    /// <summary>The chain's hook with snapshots: digests first (a requested digest sees the state the snapshot holds), then the snapshot trigger.</summary>
    private static Action<long> AfterEventWithSnapshots(EngineStages stages, SnapshotScheduler snapshots) => sequence =>
    {
        stages.TakeChainDigest(sequence);
        snapshots.AfterEvent(sequence);
    };

    /// <summary>The configured size of ring <paramref name="name"/>, or 65 536 when the layout does not list it.</summary>
    private static int RingSize(HostConfig config, string name) => config.Pipeline.Rings.FirstOrDefault(r => r.Name == name)?.Size ?? 1 << 16;

    /// <summary>Stops the pipeline if running, closes the feeds' files and the journal (flushing it).</summary>
    public void Dispose()
    {
        Pipeline.Dispose();
        foreach (var feed in Feeds)
        {
            feed.Dispose();
        }

        Snapshots?.Dispose();
        AuditTrail?.Dispose();
        Journal?.Writer.Dispose();
    }
}

/// <summary>The business stages of one engine, built from the configuration.</summary>
/// <param name="MarketData">Stage 1.</param>
/// <param name="Accounts">The account book's owner (runs with the signal stage).</param>
/// <param name="Signals">Stage 2.</param>
/// <param name="Coordination">Stage 3.</param>
/// <param name="Risk">Stage 4.</param>
/// <param name="Router">Stage 5 (with the simulated venues).</param>
/// <param name="AccountNames">Account names by id.</param>
/// <param name="Replies">Where stages answer commands.</param>
public sealed record EngineStages(
    MarketDataStage MarketData,
    AccountsStage Accounts,
    SignalStage Signals,
    CoordinationStage Coordination,
    RiskStage Risk,
    RouterStage Router,
    AccountDirectory AccountNames,
    CommandReplyHub Replies)
{
    private long chainDigestAt = -1;

    /// <summary>The market-data analytics' configuration (bar clocks) the live optimiser estimates read.</summary>
    public MultiAsset.Engine.MarketData.Analytics.AnalyticsOptions? AnalyticsOptions { get; init; }

    /// <summary>The stress scenarios (<c>config/scenarios.json</c>) the stress query may name; null = none.</summary>
    public MultiAsset.Engine.Risk.Analytics.Stress.ScenarioLibrary? Scenarios { get; init; }
    private ulong[]? chainDigests;

    /// <summary>Every stage with a digest, in pipeline order, with the digest it took at the requested point (null until then).</summary>
    public IReadOnlyList<(IStateDigest Stage, Func<ulong?> Requested)> Digests =>
    [
        (MarketData, () => Chained(0) ?? MarketData.RequestedDigest),
        (Accounts, () => Chained(1) ?? Accounts.RequestedDigest),
        (Signals, () => Chained(2) ?? Signals.RequestedDigest),
        (Coordination, () => Chained(3) ?? Coordination.RequestedDigest),
        (Risk, () => Chained(4) ?? Risk.RequestedDigest),
        (Router, () => Chained(5) ?? Router.RequestedDigest),
    ];

    /// <summary>
    /// Asks every stage for its digest right after input <paramref name="sequence"/>. Chained, the chain takes them all
    /// once the event and everything it caused went through every stage; staged, each input-ring stage takes its own and
    /// the signal stage's digest marker carries the request to the later rings.
    /// </summary>
    public void RequestDigestAt(long sequence, bool chained)
    {
        if (chained)
        {
            chainDigestAt = sequence;
            return;
        }

        MarketData.RequestDigestAt(sequence);
        Accounts.RequestDigestAt(sequence);
        Signals.RequestDigestAt(sequence);
    }

    /// <summary>The chain's hook after each input event: takes every stage's digest at the requested sequence.</summary>
    public void TakeChainDigest(long sequence)
    {
        if (sequence != chainDigestAt)
        {
            return;
        }

        ulong[] digests = [.. Digests.Select(d => StateDigest.Of(d.Stage))];
        Volatile.Write(ref chainDigests, digests);
    }

    /// <summary>The stages a snapshot holds, in a fixed order (their state graphs share objects, e.g. the analytics).</summary>
    public IReadOnlyList<object> SnapshotRoots => [MarketData, Accounts, Signals, Coordination, Risk, Router];

    private ulong? Chained(int index) => Volatile.Read(ref chainDigests) is { } taken ? taken[index] : null;

    /// <summary>Builds the stages over the given rings (<paramref name="reportsInto"/>: where the router publishes venue reports in the staged layout).</summary>
    public static EngineStages Create(HostConfig config, ValueRingBuffer<IntentEvent> intents, ValueRingBuffer<OrderEvent> orders, ValueRingBuffer<InputEvent>? reportsInto = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var catalog = config.MarketData.Catalog;
        var trading = config.Trading;
        var marketData = MarketDataStage.Create(catalog, config.MarketData.Analytics);
        var book = new AccountBook(catalog, trading.Accounts);
        var stopLoss = new StopLossMonitor(trading.Risk, catalog);
        var accounts = new AccountsStage(book, stopLoss, intents, TimeSpan.FromSeconds(1));
        var names = new AccountDirectory(trading.Accounts.Accounts.Select(a => a.Key));
        var registry = new StrategyRegistry();
        var replies = new CommandReplyHub();
        var signalOptions = new SignalStageOptions
        {
            Universes = config.Universes ?? AssetClassUniverses.Empty,
            AccountBaseCurrencies = [.. trading.Accounts.Accounts.Select(a => trading.Accounts.Currencies[a.BaseCurrency])],
        };
        var signals = new SignalStage(catalog, marketData.Analytics, names, intents, registry, replies, signalOptions);
        var coordination = new CoordinationStage(catalog, names, registry, orders, new AccountBookCapital(book), trading.Coordination, limits: trading.Risk);
        // Strategy documents' riskParameters: the risk stage keeps each strategy's positions and enforces its limits; the
        // stop-loss monitor closes a strategy's class past its stopLossThreshold (see StrategyRiskBook).
        var strategyRisk = new StrategyRiskBook(catalog, registry, coordination.CapitalShare);
        stopLoss.AttachStrategies(strategyRisk);
        var risk = new RiskStage(new PreTradeRiskGate(trading.Risk, catalog), accounts, marketData.Analytics, strategyRisk, config.MarketData.Analytics);
        var venues = trading.Venues ?? new VenueConfig([], new Dictionary<AssetClass, IReadOnlyList<VenueId>>(), new VenueRoutingPolicy());
        var router = new RouterStage(catalog, marketData.Analytics, venues, config.Router, strategyNames: id => registry.Document(id)?.Id ?? $"#{id.Value}") { PublishInto = reportsInto, HeldReleases = risk.Held.Released };
        return new EngineStages(marketData, accounts, signals, coordination, risk, router, names, replies) { AnalyticsOptions = config.MarketData.Analytics, Scenarios = config.Scenarios };
    }
}

/// <summary>
/// The chained engine's input-ring stages for an input event — market data, accounts, signals — as one struct handler:
/// the chain is compiled for this struct, so the three calls per event are direct (no interface dispatch through
/// shared generic code).
/// </summary>
public readonly struct DeskChainHead(MarketDataStage marketData, AccountsStage accounts, SignalStage signals) : IValueEventHandler<InputEvent>
{
    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        marketData.OnEvent(ref evt, sequence, endOfBatch);
        accounts.OnEvent(ref evt, sequence, endOfBatch);
        signals.OnEvent(ref evt, sequence, endOfBatch);
    }
}

/// <summary>The chained engine's input-ring stages for its own reports (accounts, signals: they are not market data), as a struct handler.</summary>
public readonly struct DeskFeedbackHead(AccountsStage accounts, SignalStage signals) : IValueEventHandler<InputEvent>
{
    /// <inheritdoc />
    public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
    {
        accounts.OnEvent(ref evt, sequence, endOfBatch);
        signals.OnEvent(ref evt, sequence, endOfBatch);
    }
}
