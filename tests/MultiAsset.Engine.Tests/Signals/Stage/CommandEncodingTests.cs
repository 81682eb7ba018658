using System.Text;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Signals.Stage;

public sealed class CommandEncodingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(CommandChunk.Capacity)]
    [InlineData(CommandChunk.Capacity + 1)]
    [InlineData(5_000)]
    [InlineData(CommandPublisher.MaxBodyLength)]
    public void A_command_body_survives_the_ring_byte_for_byte(int length)
    {
        var ring = new ValueRingBuffer<InputEvent>(2048);
        var body = new byte[length];
        new Random(length).NextBytes(body);
        var low = CommandPublisher.Publish(ring, CommandKind.CreateStrategy, body, 42, 7);
        Assert.Equal(CommandData.ChunkCount(length), ring.Cursor - low);

        var assembler = new CommandAssembler(k => k == CommandKind.CreateStrategy);
        var completed = 0;
        for (var s = low; s <= ring.Cursor; s++)
        {
            var evt = ring[s];
            if (assembler.TryAccept(in evt, out var header, out var received, out var time))
            {
                completed++;
                Assert.Equal(42, header.CorrelationId);
                Assert.Equal(7, time);
                Assert.Equal(body, received.ToArray());
            }
        }

        Assert.Equal(1, completed);
    }

    [Fact]
    public void Commands_of_other_kinds_are_skipped_and_a_broken_body_is_dropped_and_counted()
    {
        var ring = new ValueRingBuffer<InputEvent>(64);
        CommandPublisher.Publish(ring, CommandKind.DeployStrategy, Encoding.UTF8.GetBytes(new string('x', 100)), 1, 0);
        var assembler = new CommandAssembler(k => k == CommandKind.CreateStrategy);
        for (var s = 0; s <= ring.Cursor; s++)
        {
            var evt = ring[s];
            Assert.False(assembler.TryAccept(in evt, out _, out _, out _));
        }

        // A create whose second chunk is lost: the next header drops it.
        var low = CommandPublisher.Publish(ring, CommandKind.CreateStrategy, new byte[100], 2, 0);
        var header = ring[low];
        var chunk0 = ring[low + 1];
        var chunk2 = ring[low + 3];
        Assert.False(assembler.TryAccept(in header, out _, out _, out _));
        Assert.False(assembler.TryAccept(in chunk0, out _, out _, out _));
        Assert.False(assembler.TryAccept(in chunk2, out _, out _, out _));
        Assert.Equal(1, assembler.Incomplete);
    }

    [Fact]
    public void A_body_larger_than_the_limit_is_refused_before_anything_is_claimed()
    {
        var ring = new ValueRingBuffer<InputEvent>(4096);
        var e = Assert.Throws<ArgumentException>(() => CommandPublisher.Publish(ring, CommandKind.CreateStrategy, new byte[CommandPublisher.MaxBodyLength + 1], 1, 0));
        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
        Assert.Equal(-1, ring.Cursor);
    }
}
