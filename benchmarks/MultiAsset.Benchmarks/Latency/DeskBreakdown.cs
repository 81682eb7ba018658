using System.Diagnostics;
using System.Globalization;
using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.MarketData;
using MultiAsset.Engine.MarketData.Synthetic;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Portfolio.Accounts;
using MultiAsset.Engine.Risk;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Routing.Algorithms;
using MultiAsset.Engine.Routing.Stage;
using MultiAsset.Engine.Routing.Venues;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Host;

namespace MultiAsset.Benchmarks.Latency;

/// <summary>
/// <c>./run.sh latency pipeline --breakdown [--config config/engine.fast.json] [--events 10000000] [--warmup 2000000] [--rounds 3]</c>:
/// the desk's cost per input event, stage by stage. The configured desk (its accounts, limits, coordination, venues and
/// strategies, deployed with the same commands the host sends) is chained exactly as the host chains it, on this thread,
/// and fed the configured synthetic market (same seed, so the same input every run), generated in chunks outside the
/// timed loops. No ring in front of it and no feed thread beside it: what is left is the engine thread's own work.
/// </summary>
/// <remarks>
/// Each round builds two fresh engines over the same input. The first runs the stages exactly as the host does: its
/// time per event is the desk's own cost (the "untimed total"). The second wraps every stage — and every simulated
/// venue inside the router — in a timing decorator built here (nothing in the engine is instrumented); the
/// decorators' own cost, calibrated on an empty stage, is subtracted, and the rest of the untimed total (the chain's
/// rings between stages, the venue feedback, the digest hook) is shown as "chain". Counted after the warm-up (tiered
/// compilation settles in the first million events or so).
/// </remarks>
internal static class DeskBreakdown
{
    private const int ChunkEvents = 1 << 16;

    public static int Run(string[] args)
    {
        var configPath = RepoFiles.PathOf("config/engine.fast.json");
        long events = 10_000_000;
        long warmup = 2_000_000;
        var rounds = 3;
        var totalOnly = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    configPath = args[++i];
                    break;
                case "--events" when i + 1 < args.Length:
                    events = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--warmup" when i + 1 < args.Length:
                    warmup = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--rounds" when i + 1 < args.Length:
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--total-only":
                    totalOnly = true;
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: latency pipeline --breakdown [--config FILE] [--events N] [--warmup N] [--rounds N] [--total-only]");
                    return 2;
            }
        }

        var config = HostConfig.Load(configPath);
        var overhead = Calibrate();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Desk breakdown: {configPath}; {events:N0} input events measured after {warmup:N0} warm-up, {rounds} round(s); timing decorator {overhead.Inner:F1} ns inside, {overhead.Outer:F1} ns around (subtracted)"));
        var untimed = new List<Measured>();
        var timed = new List<Measured>();
        for (var r = 0; r < rounds; r++)
        {
            untimed.Add(Measure(config, events, warmup, Mode.Host, overhead));
            if (totalOnly)
            {
                var only = untimed[^1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {r + 1}: untimed {only.NanosPerEvent:F1} ns/event ({1e3 / only.NanosPerEvent:F2} M events/s; CPU {only.CpuNanosPerEvent:F1} ns/event); synthetic feed CPU {only.FeedCpuNanosPerEvent:F1} ns/event; {only.Summary}"));
                continue;
            }

            timed.Add(Measure(config, events, warmup, Mode.Timed, overhead));
            var direct = Measure(config, events, warmup, Mode.Direct, overhead);
            var u = untimed[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {r + 1}: untimed {u.NanosPerEvent:F1} ns/event ({1e3 / u.NanosPerEvent:F2} M events/s; CPU {u.CpuNanosPerEvent:F1} ns/event), timed Σ {timed[^1].NanosPerEvent:F1} ns/event, the timed chain without clocks {direct.NanosPerEvent:F1} ns/event (CPU {direct.CpuNanosPerEvent:F1}); synthetic feed CPU {u.FeedCpuNanosPerEvent:F1} ns/event; {u.Summary}"));
        }

        if (!totalOnly)
        {
            Print(untimed, timed);
        }

        return 0;
    }

    private static void Print(List<Measured> untimed, List<Measured> timed)
    {
        var total = Median(untimed.Select(m => m.NanosPerEvent));
        Console.WriteLine();
        Console.WriteLine("| stage | ns per input event (median) | min – max | share of untimed total | calls per input event |");
        Console.WriteLine("|---|---|---|---|---|");
        double sum = 0;
        foreach (var stage in timed[0].Stages.Keys)
        {
            var values = timed.Select(m => m.Stages[stage].NanosPerEvent).ToList();
            var median = Median(values);
            sum += median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {stage} | {median:F1} | {values.Min():F1} – {values.Max():F1} | {100 * median / total:F0} % | {Median(timed.Select(m => m.Stages[stage].CallsPerEvent)):F3} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Σ stages (timed run) | {sum:F1} | | {100 * sum / total:F0} % | |"));
        var totals = untimed.Select(m => m.NanosPerEvent).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **total (untimed run, the stages as the host chains them)** | **{total:F1}** | {totals.Min():F1} – {totals.Max():F1} | 100 % | = {1e3 / total:F2} M events/s ({1e3 / totals.Max():F2} – {1e3 / totals.Min():F2}) on this thread alone; CPU time {Median(untimed.Select(m => m.CpuNanosPerEvent)):F1} ns/event |"));
        Console.WriteLine();
        Console.WriteLine("Stages: ns per input event from the timed run, each segment less one clock read; the timed run's Σ differs from the untimed total by what the clock reads disturb.");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Allocated in the measured part: untimed {untimed.Max(m => m.AllocatedBytes):N0} B, timed {timed.Max(m => m.AllocatedBytes):N0} B (most in a round); gen0 collections {untimed.Max(m => m.Gen0)}."));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record StageCost(double NanosPerEvent, double CallsPerEvent);

    private sealed record Measured(double NanosPerEvent, IReadOnlyDictionary<string, StageCost> Stages, long AllocatedBytes, int Gen0, string Summary)
    {
        /// <summary>The thread's CPU time per event (the time the hypervisor or other threads took from it is not in it).</summary>
        public double CpuNanosPerEvent { get; init; }

        /// <summary>
        /// CPU time per event of generating the input: the synthetic market's rounds and the copy of their events (what the
        /// host's feed thread does per event, less claiming and publishing the ring's slots).
        /// </summary>
        public double FeedCpuNanosPerEvent { get; init; }
    }

    /// <summary>This thread's CPU time, nanoseconds (CLOCK_THREAD_CPUTIME_ID).</summary>
    private static long ThreadCpuNanos() => ClockGetTime(3, out var ts) == 0 ? (ts.Seconds * 1_000_000_000) + ts.Nanoseconds : 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private readonly record struct Overhead(double Inner, double Outer);

    /// <summary>What a decorator adds: inside (read between its two clock reads on an empty stage) and around (to an enclosing decorator).</summary>
    private static Overhead Calibrate()
    {
        const int Calls = 5_000_000;
        var clock = new StageClock();
        var timedNoop = new Timed<InputEvent, Noop>(new Noop(), clock);
        var noop = new Noop();
        var evt = default(InputEvent);
        double inner = double.MaxValue, outer = double.MaxValue;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            clock.Reset();
            var t0 = Stopwatch.GetTimestamp();
            for (var i = 0; i < Calls; i++)
            {
                timedNoop.OnEvent(ref evt, i, false);
            }

            var t1 = Stopwatch.GetTimestamp();
            for (var i = 0; i < Calls; i++)
            {
                noop.OnEvent(ref evt, i, false);
            }

            var t2 = Stopwatch.GetTimestamp();
            inner = Math.Min(inner, Nanos(clock.Ticks) / Calls);
            outer = Math.Min(outer, (Nanos(t1 - t0) - Nanos(t2 - t1)) / Calls);
        }

        return new Overhead(inner, outer);
    }

    private static double Nanos(long ticks) => ticks * 1e9 / Stopwatch.Frequency;

    private enum Mode
    {
        /// <summary>The stages chained as the host chains them.</summary>
        Host,

        /// <summary>The benchmark's chain with a clock read between every two stages.</summary>
        Timed,

        /// <summary>The benchmark's chain without clock reads.</summary>
        Direct,
    }

    private static Measured Measure(HostConfig config, long events, long warmup, Mode mode, Overhead overhead)
    {
        var intentRing = new ValueRingBuffer<IntentEvent>(RingSize(config, EngineRuntime.IntentRingName));
        var orderRing = new ValueRingBuffer<OrderEvent>(RingSize(config, EngineRuntime.OrderRingName));
        var stages = EngineStages.Create(config, intentRing, orderRing);
        var handler = new ThrowingExceptionHandler();
        IValueEventHandler<InputEvent> chain;
        TimedChain? timedChain = null;
        if (mode != Mode.Host)
        {
            var venues = (IExecutionVenue[])stages.Router.Venues;
            var venueClock = new StageClock();
            for (var v = 0; v < venues.Length; v++)
            {
                venues[v] = new TimedVenue(venues[v], venueClock);
            }

            timedChain = new TimedChain(stages, intentRing, orderRing, handler, venueClock) { Clocked = mode == Mode.Timed };
            chain = timedChain;
        }
        else
        {
            // Exactly as EngineRuntime.Build chains them.
            var coordination = new InlineRingConsumer<IntentEvent, CoordinationStage>(intentRing, stages.Coordination, EngineRuntime.CoordinationStageName, handler);
            var execution = new InlineRingConsumer<OrderEvent, SequentialHandler<OrderEvent, RiskStage, RouterStage>>(
                orderRing, new SequentialHandler<OrderEvent, RiskStage, RouterStage>(stages.Risk, stages.Router), EngineRuntime.RiskStageName, handler);
            chain = new EngineChain<DeskChainHead, DeskFeedbackHead>(
                new DeskChainHead(stages.MarketData, stages.Accounts, stages.Signals), new DeskFeedbackHead(stages.Accounts, stages.Signals),
                stages.Router.TryTake, coordination.Drain, execution.Drain)
            {
                AfterEvent = stages.TakeChainDigest,
            };
        }

        long sequence = 0;
        Deploy(config, chain, ref sequence);
        if (config.Strategies is { Deploy: true } strategies && stages.Signals.StrategyCount != strategies.Documents.Count)
        {
            throw new InvalidOperationException($"{stages.Signals.StrategyCount} of {strategies.Documents.Count} strategies deployed");
        }

        var definition = config.MarketData.Feeds.OfType<SyntheticFeedDefinition>().FirstOrDefault()
            ?? throw new InvalidOperationException("the breakdown needs a synthetic feed in the configuration");
        var market = new SyntheticMarket(config.MarketData.Catalog, definition.Options, SystemClock.Instance, definition.Source);
        var chunk = new InputEvent[ChunkEvents + market.MaxEventsPerRound];
        long processed = 0, measuredTicks = 0, measuredCpu = 0, measuredEvents = 0, allocated = 0, feedCpu = 0;
        var gen0 = 0;
        while (processed < warmup + events)
        {
            var n = 0;
            var generating = ThreadCpuNanos();
            while (n < ChunkEvents)
            {
                var count = market.Advance();
                market.Events.CopyTo(chunk.AsSpan(n));
                n += count;
            }

            generating = ThreadCpuNanos() - generating;

            if (processed < warmup && processed + n >= warmup)
            {
                timedChain?.Reset();
                allocated = GC.GetAllocatedBytesForCurrentThread();
                gen0 = GC.CollectionCount(0);
            }

            var t0 = Stopwatch.GetTimestamp();
            var cpu0 = ThreadCpuNanos();
            for (var k = 0; k < n; k++)
            {
                chain.OnEvent(ref chunk[k], sequence++, k == n - 1);
            }

            var elapsed = Stopwatch.GetTimestamp() - t0;
            var cpu = ThreadCpuNanos() - cpu0;
            if (processed + n >= warmup)
            {
                // The chunk that crosses the warm-up line counts whole, as its stage clocks (reset above) do.
                measuredTicks += elapsed;
                measuredCpu += cpu;
                feedCpu += generating;
                measuredEvents += n;
            }

            processed += n;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        gen0 = GC.CollectionCount(0) - gen0;
        var perEvent = Nanos(measuredTicks) / measuredEvents;
        var stageCosts = new Dictionary<string, StageCost>();
        if (timedChain is { Clocked: true })
        {
            foreach (var (name, nanos, calls) in timedChain.Costs(overhead))
            {
                stageCosts[name] = new StageCost(Math.Max(0, nanos) / measuredEvents, calls / (double)measuredEvents);
            }

            // The timed run's own time per event, less one clock read per segment: to compare with the untimed run.
            perEvent = stageCosts.Values.Sum(c => c.NanosPerEvent);
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds(market.NowNanoseconds / 1_000_000).UtcDateTime;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"simulated time reached {time:yyyy-MM-dd HH:mm} UTC, intents {stages.Signals.IntentsPublished:N0}, orders {stages.Coordination.LastOrderId:N0}, risk accepted {stages.Risk.Accepted:N0}/{stages.Risk.Checked:N0}, child orders {stages.Router.Counters.Children:N0}, fills {stages.Accounts.Fills:N0}");
        return new Measured(perEvent, stageCosts, allocated, gen0, summary)
        {
            CpuNanosPerEvent = measuredCpu / (double)measuredEvents,
            FeedCpuNanosPerEvent = feedCpu / (double)measuredEvents,
        };
    }

    /// <summary>Creates (and deploys) the configured strategies with the commands the host sends at start-up, through the chain.</summary>
    private static void Deploy(HostConfig config, IValueEventHandler<InputEvent> chain, ref long sequence)
    {
        if (config.Strategies is not { } strategies)
        {
            return;
        }

        var commands = new ValueRingBuffer<InputEvent>(1 << 12, ProducerType.Single);
        var consumed = new Sequence();
        commands.AddGatingSequences(consumed);
        foreach (var strategy in strategies.Documents)
        {
            Send(commands, consumed, chain, CommandKind.CreateStrategy, strategy.Json, ref sequence);
            if (strategies.Deploy)
            {
                Send(commands, consumed, chain, CommandKind.DeployStrategy, strategy.Document.Id, ref sequence);
            }
        }
    }

    private static void Send(ValueRingBuffer<InputEvent> commands, Sequence consumed, IValueEventHandler<InputEvent> chain, CommandKind kind, string body, ref long sequence)
    {
        CommandPublisher.Publish(commands, kind, System.Text.Encoding.UTF8.GetBytes(body), 0, 0);
        for (var s = consumed.Value + 1; s <= commands.Cursor; s++)
        {
            chain.OnEvent(ref commands[s], sequence++, s == commands.Cursor);
            consumed.SetValue(s);
        }
    }

    private static int RingSize(HostConfig config, string name) => config.Pipeline.Rings.FirstOrDefault(r => r.Name == name)?.Size ?? 1 << 16;

    /// <summary>
    /// The chain as <see cref="EngineChain{THead, TFeedbackHead}"/> runs it (same stages, same order, same drains), with a
    /// clock read at every boundary between two stages: each segment's time includes exactly one clock read, which is
    /// subtracted. Risk, router and the venues share the order ring's drain and are timed by decorators inside it.
    /// </summary>
    private sealed class TimedChain : IValueEventHandler<InputEvent>
    {
        private const int MarketData = 0, Accounts = 1, Signals = 2, Coordination = 3, OrderRing = 4, AccountsFills = 5, SignalsFills = 6, Chain = 7, Segments = 8;

        private static readonly string[] Names =
        [
            "market data",
            "accounts: market data (marks, samples, stop-loss)",
            "signals: market data (strategies)",
            "coordination (with its intent-ring drain)",
            "order ring (risk, router, venues)",
            "accounts: venue reports (fills)",
            "signals: venue reports",
            "chain (venue-report poll, digest hook)",
        ];

        private readonly EngineStages stages;
        private readonly InlineRingConsumer<IntentEvent, CoordinationStage> coordination;
        private readonly InlineRingConsumer<OrderEvent, SequentialHandler<OrderEvent, Timed<OrderEvent, RiskStage>, Timed<OrderEvent, RouterStage>>> execution;
        private readonly StageClock risk = new();
        private readonly StageClock router = new();
        private readonly StageClock venues;
        private readonly long[] ticks = new long[Segments];
        private readonly long[] calls = new long[Segments];
        private long last;
        private long nextInput;

        /// <summary>False: the same chain without the clock reads (to see what the host's generic chain itself costs).</summary>
        public bool Clocked { get; init; } = true;

        public TimedChain(EngineStages stages, ValueRingBuffer<IntentEvent> intents, ValueRingBuffer<OrderEvent> orders, IEventExceptionHandler handler, StageClock venues)
        {
            this.stages = stages;
            this.venues = venues;
            coordination = new InlineRingConsumer<IntentEvent, CoordinationStage>(intents, stages.Coordination, EngineRuntime.CoordinationStageName, handler);
            execution = new InlineRingConsumer<OrderEvent, SequentialHandler<OrderEvent, Timed<OrderEvent, RiskStage>, Timed<OrderEvent, RouterStage>>>(
                orders,
                new SequentialHandler<OrderEvent, Timed<OrderEvent, RiskStage>, Timed<OrderEvent, RouterStage>>(new Timed<OrderEvent, RiskStage>(stages.Risk, risk), new Timed<OrderEvent, RouterStage>(stages.Router, router)),
                EngineRuntime.RiskStageName,
                handler);
        }

        public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch)
        {
            var input = nextInput++;
            last = Clocked ? Stopwatch.GetTimestamp() : 0;
            stages.MarketData.OnEvent(ref evt, input, endOfBatch);
            Lap(MarketData);
            stages.Accounts.OnEvent(ref evt, input, endOfBatch);
            Lap(Accounts);
            stages.Signals.OnEvent(ref evt, input, endOfBatch);
            Lap(Signals);
            Drain();
            while (stages.Router.TryTake(out var report))
            {
                Lap(Chain);
                stages.Accounts.OnEvent(ref report, input, true);
                Lap(AccountsFills);
                stages.Signals.OnEvent(ref report, input, true);
                Lap(SignalsFills);
                Drain();
            }

            stages.TakeChainDigest(input);
            Lap(Chain);
        }

        private void Drain()
        {
            coordination.Drain();
            Lap(Coordination);
            execution.Drain();
            Lap(OrderRing);
        }

        private void Lap(int segment)
        {
            if (!Clocked)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            ticks[segment] += now - last;
            calls[segment]++;
            last = now;
        }

        public void Reset()
        {
            Array.Clear(ticks);
            Array.Clear(calls);
            risk.Reset();
            router.Reset();
            venues.Reset();
        }

        /// <summary>Nanoseconds and calls per stage, each less its clock reads.</summary>
        public IEnumerable<(string Name, double Nanos, long Calls)> Costs(Overhead overhead)
        {
            var riskNanos = Nanos(risk.Ticks) - (risk.Calls * overhead.Inner);
            var venueNanos = Nanos(venues.Ticks) - (venues.Calls * overhead.Inner);
            var routerNanos = Nanos(router.Ticks) - (router.Calls * overhead.Inner) - venueNanos - (venues.Calls * overhead.Outer);
            var orderRing = Nanos(ticks[OrderRing]) - (calls[OrderRing] * overhead.Inner);
            var drain = orderRing - riskNanos - routerNanos - venueNanos - ((risk.Calls + router.Calls + venues.Calls) * overhead.Outer);
            for (var k = 0; k < Segments; k++)
            {
                if (k == OrderRing)
                {
                    yield return ("risk", riskNanos, risk.Calls);
                    yield return ("router (without its venues)", routerNanos, router.Calls);
                    yield return ("venues (simulated, inside the router)", venueNanos, venues.Calls);
                    yield return ("order ring drain (when empty: the per-event check)", drain, calls[OrderRing]);
                    continue;
                }

                yield return (Names[k], Nanos(ticks[k]) - (calls[k] * overhead.Inner), calls[k]);
            }
        }
    }

    /// <summary>Ticks and calls of one decorated stage.</summary>
    private sealed class StageClock
    {
        public long Ticks;
        public long Calls;

        public void Reset()
        {
            Ticks = 0;
            Calls = 0;
        }
    }

    /// <summary>Times every call of a stage (benchmark only: the engine's stages carry no clock).</summary>
    private sealed class Timed<T, THandler>(THandler inner, StageClock clock) : IValueEventHandler<T>
        where T : struct
        where THandler : IValueEventHandler<T>
    {
        public void OnEvent(ref T evt, long sequence, bool endOfBatch)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnEvent(ref evt, sequence, endOfBatch);
            clock.Ticks += Stopwatch.GetTimestamp() - start;
            clock.Calls++;
        }
    }

    private sealed class Noop : IValueEventHandler<InputEvent>
    {
        public long Seen;

        public void OnEvent(ref InputEvent evt, long sequence, bool endOfBatch) => Seen += sequence;
    }

    /// <summary>A simulated venue whose calls from the router are timed (the cheap reads — id, name, next report time, instruments traded — are not).</summary>
    private sealed class TimedVenue(IExecutionVenue inner, StageClock clock) : IExecutionVenue
    {
        public VenueId Id => inner.Id;

        public string Name => inner.Name;

        public long NextReportDue => inner.NextReportDue;

        public bool Trades(InstrumentId instrument) => inner.Trades(instrument);

        public void OnQuote(InstrumentId instrument, long now, Price bid, Price ask)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnQuote(instrument, now, bid, ask);
            Stop(start);
        }

        public bool Submit(in ChildOrderRequest request, long now)
        {
            var start = Stopwatch.GetTimestamp();
            var result = inner.Submit(in request, now);
            Stop(start);
            return result;
        }

        public bool Cancel(long childOrderId, long now)
        {
            var start = Stopwatch.GetTimestamp();
            var result = inner.Cancel(childOrderId, now);
            Stop(start);
            return result;
        }

        public void OnBar(InstrumentId instrument, long now, in VenueBar bar)
        {
            var start = Stopwatch.GetTimestamp();
            inner.OnBar(instrument, now, in bar);
            Stop(start);
        }

        public int CancelChildrenOf(long parentOrderId, int children, InstrumentId instrument, long now)
        {
            var start = Stopwatch.GetTimestamp();
            var result = inner.CancelChildrenOf(parentOrderId, children, instrument, now);
            Stop(start);
            return result;
        }

        public int Poll(long now, Span<InputEvent> output)
        {
            var start = Stopwatch.GetTimestamp();
            var result = inner.Poll(now, output);
            Stop(start);
            return result;
        }

        public int CopyDepth(InstrumentId instrument, OrderSide side, Span<DepthLevel> output)
        {
            var start = Stopwatch.GetTimestamp();
            var result = inner.CopyDepth(instrument, side, output);
            Stop(start);
            return result;
        }

        public void AppendDigest(StateDigestBuilder builder) => inner.AppendDigest(builder);

        private void Stop(long start)
        {
            clock.Ticks += Stopwatch.GetTimestamp() - start;
            clock.Calls++;
        }
    }

    /// <summary>A stage that throws ends the measurement: a breakdown of a failing desk would mean nothing.</summary>
    private sealed class ThrowingExceptionHandler : IEventExceptionHandler
    {
        public void OnEventException(Exception exception, long sequence, string stageName)
            => throw new InvalidOperationException($"stage {stageName} failed at {sequence}", exception);

        public void OnLifecycleException(Exception exception, string stageName, string phase)
            => throw new InvalidOperationException($"stage {stageName} failed in {phase}", exception);
    }
}
