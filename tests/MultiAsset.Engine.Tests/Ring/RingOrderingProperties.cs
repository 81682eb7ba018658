using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Ring;

/// <summary>
/// Ring ordering under contention: every published sequence is seen exactly once, in order, by every handler,
/// across wrap-around, with dependent handlers never seeing a slot before their upstream finished it.
/// </summary>
public class RingOrderingProperties
{
    private const int EventsPerProducer = 3_000;

    private static readonly WaitStrategyKind[] Waits = [WaitStrategyKind.Yielding, WaitStrategyKind.Sleeping, WaitStrategyKind.Blocking];

    [Property(MaxTest = 30)]
    public Property EveryHandlerSeesEverySequenceOnceInOrder(byte ringExponent, byte producerCount, NonEmptyArray<PositiveInt> batchSizes, bool fused, byte wait)
    {
        var ringSize = 1 << (1 + (ringExponent % 9)); // 2 .. 512: small rings force many wrap-arounds
        var producers = 1 + (producerCount % 3);
        var batches = batchSizes.Get.Select(b => 1 + ((b.Get - 1) % ringSize)).ToArray();
        var outcome = Run(ringSize, producers, batches, fused, Waits[wait % Waits.Length]);
        return outcome.ToProperty().Label($"ring={ringSize} producers={producers} batches=[{string.Join(",", batches)}] fused={fused}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BusySpin_DeliversEverySequenceInOrder(bool fused)
        => Assert.True(Run(64, 2, [1, 7, 64], fused, WaitStrategyKind.BusySpin));

    private static bool Run(int ringSize, int producers, int[] batches, bool fused, WaitStrategyKind wait)
    {
        var layout = Layouts.Of(
            [Layouts.Ring("input", ringSize, producers == 1 ? ProducerType.Single : ProducerType.Multi)],
            fused
                ? [Layouts.Thread("main", wait, "a", "b", "c"), Layouts.Thread("side", wait, "d")]
                : [Layouts.Thread("ta", wait, "a"), Layouts.Thread("tb", wait, "b"), Layouts.Thread("tc", wait, "c"), Layouts.Thread("td", wait, "d")]);
        var builder = new PipelineBuilder(layout);
        var input = builder.AddRing<TestEvent>("input", fedExternally: true);
        var a = new RecordingHandler(StampRole.StampA);
        var b = new RecordingHandler(StampRole.CheckAStampB);
        var c = new RecordingHandler(StampRole.CheckB);
        var d = new RecordingHandler();
        builder.AddStage("a", input, a);
        builder.AddStage("b", input, b, after: ["a"]);
        builder.AddStage("c", input, c, after: ["b"]);
        builder.AddStage("d", input, d);
        using var pipeline = builder.Build();
        pipeline.Start();

        var tasks = Enumerable.Range(0, producers).Select(p => Task.Run(() => Produce(input.Ring, p, batches))).ToArray();
        Task.WaitAll(tasks);
        var stop = pipeline.Stop();

        var total = producers * EventsPerProducer;
        var expected = Enumerable.Range(0, total).Select(i => (long)i);
        return stop.Drained
            && new[] { a, b, c, d }.All(h => h.Sequences.SequenceEqual(expected) && PerProducerInOrder(h, producers))
            && b.DependencyViolations == 0
            && c.DependencyViolations == 0;
    }

    private static void Produce(ValueRingBuffer<TestEvent> ring, int producer, int[] batches)
    {
        long value = 0;
        var batchIndex = producer; // producers walk the batch sizes out of phase
        while (value < EventsPerProducer)
        {
            var n = (int)Math.Min(batches[batchIndex++ % batches.Length], EventsPerProducer - value);
            var high = ring.Next(n);
            var low = high - n + 1;
            for (var s = low; s <= high; s++)
            {
                ref var slot = ref ring[s];
                slot.Producer = producer;
                slot.Value = value++;
                slot.StampA = -1;
                slot.StampB = -1;
            }

            ring.Publish(low, high);
        }
    }

    private static bool PerProducerInOrder(RecordingHandler handler, int producers)
    {
        for (var p = 0; p < producers; p++)
        {
            var producer = p;
            var values = handler.Values.Where(v => v.Producer == producer).Select(v => v.Value);
            if (!values.SequenceEqual(Enumerable.Range(0, EventsPerProducer).Select(i => (long)i)))
            {
                return false;
            }
        }

        return true;
    }
}
