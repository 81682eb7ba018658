using System.Diagnostics;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.PeerShapes;

/// <summary>What one measured run did: operations, time, and how the consumers' batches were cut.</summary>
public readonly record struct ThroughputRun(long Operations, TimeSpan Elapsed, long Batches, long BatchedEvents)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>One of the peers' throughput shapes, run on our ring through <see cref="PipelineBuilder"/>.</summary>
public abstract class ThroughputShape
{
    /// <summary>The name of the peers' test this shape reproduces.</summary>
    public abstract string TestName { get; }

    /// <summary>The wait strategy the peers' test uses.</summary>
    public abstract WaitStrategyKind DefaultWait { get; }

    /// <summary>One run; <paramref name="iterations"/> is the peers' event count unless overridden for a smoke test.</summary>
    public abstract ThroughputRun Run(WaitStrategyKind wait, long iterations);

    /// <summary>The peers' event count.</summary>
    public virtual long Iterations => 100_000_000L;

    protected static PipelineLayout Layout(RingOptions ring, WaitStrategyKind wait, params string[][] threads)
        => new(
            [ring],
            threads.Select((stages, i) => new StageThreadOptions($"t{i}-{stages[0]}", stages, wait, PipelineLayout.DefaultMaxBatchSize)).ToList(),
            TimeSpan.FromSeconds(30));

    protected static void Check(long expected, long actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
        }
    }
}

/// <summary>
/// <c>OneToOneSequencedThroughputTest_Value</c>: one producer, one consumer on its own stage thread, 64 K ring,
/// 100 M <c>long</c> events, one <c>Next()</c>/<c>Publish()</c> per event, a handler that sums.
/// </summary>
public sealed class OneToOneShape : ThroughputShape
{
    private const int BufferSize = 1024 * 64;

    public override string TestName => "OneToOneSequencedThroughputTest_Value";

    public override WaitStrategyKind DefaultWait => WaitStrategyKind.Yielding;

    public override ThroughputRun Run(WaitStrategyKind wait, long iterations)
    {
        var builder = new PipelineBuilder(Layout(new RingOptions("input", BufferSize, ProducerType.Single), wait, ["addition"]));
        var input = builder.AddRing<PerfValueEvent>("input", fedExternally: true);
        var handler = new AdditionHandler();
        builder.AddStage("addition", input, handler);
        using var pipeline = builder.Build();
        handler.Reset(iterations - 1);
        pipeline.Start();

        var ring = input.Ring;
        var stopwatch = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }

        handler.WaitDone();
        var elapsed = stopwatch.Elapsed;
        pipeline.Stop();
        Check(iterations * (iterations - 1) / 2, handler.Value, "sum");
        return new ThroughputRun(iterations, elapsed, handler.Batches, iterations);
    }
}

/// <summary>
/// The one-to-one shape in the engine's chained layout: producer and consumer on one thread, the consumer an
/// <see cref="InlineRingConsumer{T, THandler}"/> drained after every event, exactly as the engine chain drains the
/// intents and orders rings after each input event. No peer has this layout; it is the ring's own per-event cost.
/// </summary>
public sealed class OneToOneFusedShape : ThroughputShape
{
    private const int BufferSize = 1024 * 64;

    public override string TestName => "OneToOneSequencedThroughputTest_Value (fused: inline consumer, engine chain layout)";

    public override WaitStrategyKind DefaultWait => WaitStrategyKind.Yielding;

    public override ThroughputRun Run(WaitStrategyKind wait, long iterations)
    {
        var ring = new ValueRingBuffer<PerfValueEvent>(BufferSize, ProducerType.Single);
        var handler = new AdditionHandler();
        var consumer = new InlineRingConsumer<PerfValueEvent, AdditionHandler>(ring, handler, "addition", new LoggingExceptionHandler());
        handler.Reset(iterations - 1);

        var stopwatch = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
            consumer.Drain();
        }

        handler.WaitDone();
        var elapsed = stopwatch.Elapsed;
        Check(iterations * (iterations - 1) / 2, handler.Value, "sum");
        return new ThroughputRun(iterations, elapsed, handler.Batches, iterations);
    }
}

/// <summary>
/// <c>OneToThreePipelineSequencedThroughputTest</c>: P1 → EP1 → EP2 → EP3 on one 8 K ring, 100 M events; a stage
/// thread each, or (<c>fused</c>) all three on one stage thread the way the engine fuses its stages.
/// </summary>
public sealed class PipelineShape(bool fused) : ThroughputShape
{
    private const int BufferSize = 1024 * 8;
    private const long OperandTwoInitialValue = 777L;

    public override string TestName => fused
        ? "OneToThreePipelineSequencedThroughputTest (fused: three stages on one stage thread)"
        : "OneToThreePipelineSequencedThroughputTest";

    public override WaitStrategyKind DefaultWait => WaitStrategyKind.Yielding;

    public override ThroughputRun Run(WaitStrategyKind wait, long iterations)
    {
        var expected = 0L;
        var operand = OperandTwoInitialValue;
        for (long i = 0; i < iterations; i++)
        {
            if (((i + operand-- + 3) & 4L) == 4L)
            {
                expected++;
            }
        }

        var ringOptions = new RingOptions("input", BufferSize, ProducerType.Single);
        var layout = fused ? Layout(ringOptions, wait, ["one", "two", "three"]) : Layout(ringOptions, wait, ["one"], ["two"], ["three"]);
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<FunctionEvent>("input", fedExternally: true);
        var last = new StepThreeHandler();
        builder.AddStage("one", input, new StepOneHandler());
        builder.AddStage("two", input, new StepTwoHandler(), after: ["one"]);
        builder.AddStage("three", input, last, after: ["two"]);
        using var pipeline = builder.Build();
        last.Reset(iterations - 1);
        pipeline.Start();

        var ring = input.Ring;
        var operandTwo = OperandTwoInitialValue;
        var stopwatch = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            var sequence = ring.Next();
            ref var evt = ref ring[sequence];
            evt.OperandOne = i;
            evt.OperandTwo = operandTwo--;
            ring.Publish(sequence);
        }

        last.WaitDone();
        var elapsed = stopwatch.Elapsed;
        pipeline.Stop();
        Check(expected, last.Counter, "step three counter");
        return new ThroughputRun(iterations, elapsed, last.Batches, iterations);
    }
}

/// <summary><c>OneToThreeSequencedThroughputTest</c>: one producer multicasting to three consumers, 8 K ring, 100 M events.</summary>
public sealed class OneToThreeShape : ThroughputShape
{
    private const int BufferSize = 1024 * 8;

    public override string TestName => "OneToThreeSequencedThroughputTest";

    public override WaitStrategyKind DefaultWait => WaitStrategyKind.Yielding;

    public override ThroughputRun Run(WaitStrategyKind wait, long iterations)
    {
        var operations = new[] { MutationOperation.Addition, MutationOperation.Subtraction, MutationOperation.And };
        var expected = new long[operations.Length];
        for (long i = 0; i < iterations; i++)
        {
            for (var k = 0; k < operations.Length; k++)
            {
                expected[k] = MutationHandler.Apply(operations[k], expected[k], i);
            }
        }

        var builder = new PipelineBuilder(Layout(new RingOptions("input", BufferSize, ProducerType.Single), wait, ["ep1"], ["ep2"], ["ep3"]));
        var input = builder.AddRing<PerfValueEvent>("input", fedExternally: true);
        var handlers = operations.Select(o => new MutationHandler(o)).ToArray();
        for (var k = 0; k < handlers.Length; k++)
        {
            handlers[k].Reset(iterations - 1);
            builder.AddStage($"ep{k + 1}", input, handlers[k]);
        }

        using var pipeline = builder.Build();
        pipeline.Start();

        var ring = input.Ring;
        var stopwatch = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            var sequence = ring.Next();
            ring[sequence].Value = i;
            ring.Publish(sequence);
        }

        foreach (var handler in handlers)
        {
            handler.WaitDone();
        }

        var elapsed = stopwatch.Elapsed;
        pipeline.Stop();
        for (var k = 0; k < handlers.Length; k++)
        {
            Check(expected[k], handlers[k].Value, $"{operations[k]} result");
        }

        return new ThroughputRun(3 * iterations, elapsed, handlers.Sum(h => h.Batches), 3 * iterations);
    }
}

/// <summary>
/// <c>ThreeToOneSequencedThroughputTest</c>: three producer threads into one multi-producer 64 K ring, one consumer,
/// 20 M events in all, busy-spin.
/// </summary>
public sealed class ThreeToOneShape : ThroughputShape
{
    private const int BufferSize = 1024 * 64;
    private const int Publishers = 3;

    public override string TestName => "ThreeToOneSequencedThroughputTest";

    public override WaitStrategyKind DefaultWait => WaitStrategyKind.BusySpin;

    public override long Iterations => 20_000_000L;

    public override ThroughputRun Run(WaitStrategyKind wait, long iterations)
    {
        var builder = new PipelineBuilder(Layout(new RingOptions("input", BufferSize, ProducerType.Multi), wait, ["addition"]));
        var input = builder.AddRing<PerfValueEvent>("input", fedExternally: true);
        var handler = new AdditionHandler();
        builder.AddStage("addition", input, handler);
        using var pipeline = builder.Build();
        var perPublisher = iterations / Publishers;
        var total = perPublisher * Publishers;
        handler.Reset(total - 1);
        pipeline.Start();

        var ring = input.Ring;
        using var startLine = new CountdownEvent(Publishers + 1);
        var publishers = new Thread[Publishers];
        for (var p = 0; p < Publishers; p++)
        {
            publishers[p] = new Thread(() =>
            {
                startLine.Signal();
                startLine.Wait();
                for (long i = 0; i < perPublisher; i++)
                {
                    var sequence = ring.Next();
                    ring[sequence].Value = i;
                    ring.Publish(sequence);
                }
            }) { IsBackground = true, Name = $"publisher-{p}" };
            publishers[p].Start();
        }

        var stopwatch = Stopwatch.StartNew();
        startLine.Signal();
        startLine.Wait();
        foreach (var publisher in publishers)
        {
            publisher.Join();
        }

        handler.WaitDone();
        var elapsed = stopwatch.Elapsed;
        pipeline.Stop();
        Check(Publishers * (perPublisher * (perPublisher - 1) / 2), handler.Value, "sum");
        return new ThroughputRun(total, elapsed, handler.Batches, total);
    }
}
