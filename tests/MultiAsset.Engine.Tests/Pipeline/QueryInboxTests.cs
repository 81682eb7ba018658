using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Pipeline;

/// <summary>
/// The query inbox: queries never enter the ring as commands (only a wake-up slot, and only when the ring has room),
/// identical queries share one engine answer, an answer is reused only for its maximum age and never after a command.
/// </summary>
public class QueryInboxTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AQuery_IsAnsweredByTheServer_AndLeavesOnlyAWakeUpSlotInTheRing()
    {
        var ring = new ValueRingBuffer<InputEvent>(8);
        var inbox = new QueryInbox(ring, new SimulatedClock());
        var asked = inbox.AskAsync(CommandKind.QueryAccounts, "default", Wait);

        Assert.True(inbox.HasPending);
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(InputEventKind.Query, ring[0].Kind);
        var bodies = new List<string>();
        inbox.Serve((kind, body) =>
        {
            bodies.Add($"{kind}:{body}");
            return CommandReply.Ok(42);
        });

        Assert.Equal(42, (await asked).Result);
        Assert.Equal(["QueryAccounts:default"], bodies);
        Assert.False(inbox.HasPending);
        Assert.Equal(1, inbox.Answered);
    }

    [Fact]
    public async Task AFullRing_GetsNoWakeUp_TheQueryWaitsForTheNextServe()
    {
        var ring = new ValueRingBuffer<InputEvent>(2);
        ring.AddGatingSequences(new Sequence()); // a consumer that has taken nothing yet
        Assert.True(ring.TryNext(2, out var high)); // full: the engine is busy
        ring.Publish(high - 1, high);
        var inbox = new QueryInbox(ring, new SimulatedClock());
        var asked = inbox.AskAsync(CommandKind.QueryRisk, string.Empty, Wait);

        Assert.Equal(0, inbox.WakeUps);
        Assert.True(inbox.HasPending);
        inbox.Serve((_, _) => CommandReply.Ok("risk"));
        Assert.Equal("risk", (await asked).Result);
    }

    [Fact]
    public async Task IdenticalQueries_ShareOneAnswer_DifferentOnesDoNot()
    {
        var inbox = new QueryInbox(new ValueRingBuffer<InputEvent>(64), new SimulatedClock());
        var first = inbox.AskAsync(CommandKind.QueryAccounts, "a", Wait);
        var second = inbox.AskAsync(CommandKind.QueryAccounts, "a", Wait);
        var other = inbox.AskAsync(CommandKind.QueryAccounts, "b", Wait);
        var computed = 0;
        inbox.Serve((_, body) => CommandReply.Ok($"{body}{++computed}"));

        Assert.Equal("a1", (await first).Result);
        Assert.Equal("a1", (await second).Result);
        Assert.Equal("b2", (await other).Result);
        Assert.Equal(2, computed);
        Assert.Equal(1, inbox.Reused);
    }

    [Fact]
    public async Task ARecentAnswer_IsReused_UntilACommandOrItsMaximumAge()
    {
        var inbox = new QueryInbox(new ValueRingBuffer<InputEvent>(64), new SimulatedClock(), TimeSpan.FromMilliseconds(200));
        var computed = 0;
        CommandReply Answer(CommandKind kind, string body) => CommandReply.Ok(++computed);

        var first = inbox.AskAsync(CommandKind.QueryStrategies, string.Empty, Wait);
        inbox.Serve(Answer);
        Assert.Equal(1, (await first).Result);

        // Within the age and no command since: the same answer, the engine not asked.
        Assert.Equal(1, (await inbox.AskAsync(CommandKind.QueryStrategies, string.Empty, Wait)).Result);
        Assert.False(inbox.HasPending);

        // A command was answered: the next read goes to the engine.
        inbox.Invalidate();
        var afterCommand = inbox.AskAsync(CommandKind.QueryStrategies, string.Empty, Wait);
        Assert.True(inbox.HasPending);
        inbox.Serve(Answer);
        Assert.Equal(2, (await afterCommand).Result);

        // Older than the maximum age: the engine again.
        await Task.Delay(300);
        var late = inbox.AskAsync(CommandKind.QueryStrategies, string.Empty, Wait);
        Assert.True(inbox.HasPending);
        inbox.Serve(Answer);
        Assert.Equal(3, (await late).Result);
    }

    [Fact]
    public async Task WithNoMaximumAge_EveryQueryGoesToTheEngine()
    {
        var inbox = new QueryInbox(new ValueRingBuffer<InputEvent>(64), new SimulatedClock(), TimeSpan.Zero);
        var computed = 0;
        for (var i = 1; i <= 3; i++)
        {
            var asked = inbox.AskAsync(CommandKind.QueryConflicts, "100", Wait);
            inbox.Serve((_, _) => CommandReply.Ok(++computed));
            Assert.Equal(i, (await asked).Result);
        }

        Assert.Equal(0, inbox.Reused);
    }

    [Fact]
    public async Task AfterClose_QueriesAreRefused_AndNothingMoreIsPublished()
    {
        var ring = new ValueRingBuffer<InputEvent>(64);
        var inbox = new QueryInbox(ring, new SimulatedClock());
        var waiting = inbox.AskAsync(CommandKind.QueryRisk, string.Empty, Wait);
        var cursor = ring.Cursor;
        inbox.Close();

        Assert.Equal(CommandStatus.Unavailable, (await waiting).Status);
        Assert.Equal(CommandStatus.Unavailable, (await inbox.AskAsync(CommandKind.QueryRisk, "x", Wait)).Status);
        Assert.Equal(cursor, ring.Cursor);
    }

    [Fact]
    public async Task AnAnswerThatThrows_AnswersItsCaller_WithoutStoppingTheServer()
    {
        var inbox = new QueryInbox(new ValueRingBuffer<InputEvent>(64), new SimulatedClock(), TimeSpan.Zero);
        var asked = inbox.AskAsync(CommandKind.QueryExecutionQuality, string.Empty, Wait);
        inbox.Serve((_, _) => throw new InvalidOperationException("boom"));
        var reply = await asked;
        Assert.False(reply.Succeeded);
        Assert.Contains("boom", reply.Message, StringComparison.Ordinal);
    }
}
