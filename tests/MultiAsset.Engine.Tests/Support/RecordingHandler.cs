using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Support;

/// <summary>
/// Records what a stage saw: every sequence in arrival order, and for each event whether the upstream stamp was
/// already there. Optionally stamps events for a downstream stage to check.
/// </summary>
public sealed class RecordingHandler : IValueEventHandler<TestEvent>, IStageLifecycle
{
    private readonly List<long> sequences = [];
    private readonly List<(int Producer, long Value)> values = [];
    private readonly Func<long, bool>? throwOn;

    public RecordingHandler(StampRole role = StampRole.None, Func<long, bool>? throwOn = null)
    {
        Role = role;
        this.throwOn = throwOn;
    }

    public StampRole Role { get; }

    public IReadOnlyList<long> Sequences => sequences;

    public IReadOnlyList<(int Producer, long Value)> Values => values;

    /// <summary>Events where this stage saw a slot before its upstream stage had stamped it.</summary>
    public int DependencyViolations { get; private set; }

    public int EndOfBatchCount { get; private set; }

    public int Started { get; private set; }

    public int Shutdown { get; private set; }

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        if (throwOn?.Invoke(sequence) == true)
        {
            throw new InvalidOperationException($"test failure at {sequence}");
        }

        switch (Role)
        {
            case StampRole.StampA:
                evt.StampA = sequence;
                break;
            case StampRole.CheckAStampB:
                if (evt.StampA != sequence)
                {
                    DependencyViolations++;
                }

                evt.StampB = sequence;
                break;
            case StampRole.CheckB:
                if (evt.StampB != sequence)
                {
                    DependencyViolations++;
                }

                break;
        }

        sequences.Add(sequence);
        values.Add((evt.Producer, evt.Value));
        if (endOfBatch)
        {
            EndOfBatchCount++;
        }
    }

    public void OnStart() => Started++;

    public void OnShutdown() => Shutdown++;
}

public enum StampRole
{
    None,
    StampA,
    CheckAStampB,
    CheckB,
}
