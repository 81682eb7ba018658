using MultiAsset.Engine.Ring;

namespace MultiAsset.Benchmarks.PeerShapes;

/// <summary>
/// The end of a measured run: the handler that sees the last expected sequence sets it; the producer thread waits on
/// it. Also counts the batches the handler was given (one per <c>endOfBatch</c>), for BatchPercent/AverageBatchSize.
/// </summary>
public abstract class CountingHandler
{
    private readonly ManualResetEventSlim done = new(false);
    private long expectedSequence = long.MaxValue;

    /// <summary>Batches handed to the handler so far in this run.</summary>
    public long Batches { get; protected set; }

    /// <summary>Arms the handler for a run that ends when <paramref name="lastSequence"/> has been handled.</summary>
    public void Reset(long lastSequence)
    {
        expectedSequence = lastSequence;
        Batches = 0;
        ResetState();
        done.Reset();
    }

    /// <summary>Waits for the last expected sequence.</summary>
    public void WaitDone() => done.Wait();

    protected abstract void ResetState();

    protected void Track(long sequence, bool endOfBatch)
    {
        if (endOfBatch)
        {
            Batches++;
        }

        if (sequence == expectedSequence)
        {
            done.Set();
        }
    }
}

/// <summary>Sums the values (one-to-one and three-to-one shapes).</summary>
public sealed class AdditionHandler : CountingHandler, IValueEventHandler<PerfValueEvent>
{
    public long Value { get; private set; }

    public void OnEvent(ref PerfValueEvent evt, long sequence, bool endOfBatch)
    {
        Value += evt.Value;
        Track(sequence, endOfBatch);
    }

    protected override void ResetState() => Value = 0;
}

/// <summary>The operations of the one-to-three multicast shape, one per consumer.</summary>
public enum MutationOperation
{
    Addition,
    Subtraction,
    And,
}

/// <summary>Folds the values with one operation (one-to-three multicast).</summary>
public sealed class MutationHandler(MutationOperation operation) : CountingHandler, IValueEventHandler<PerfValueEvent>
{
    public long Value { get; private set; }

    public static long Apply(MutationOperation operation, long accumulator, long value) => operation switch
    {
        MutationOperation.Addition => accumulator + value,
        MutationOperation.Subtraction => accumulator - value,
        _ => accumulator & value,
    };

    public void OnEvent(ref PerfValueEvent evt, long sequence, bool endOfBatch)
    {
        Value = Apply(operation, Value, evt.Value);
        Track(sequence, endOfBatch);
    }

    protected override void ResetState() => Value = 0;
}

/// <summary>Pipeline step one: adds the operands.</summary>
public sealed class StepOneHandler : IValueEventHandler<FunctionEvent>
{
    public void OnEvent(ref FunctionEvent evt, long sequence, bool endOfBatch) => evt.StepOneResult = evt.OperandOne + evt.OperandTwo;
}

/// <summary>Pipeline step two: adds three to step one's result.</summary>
public sealed class StepTwoHandler : IValueEventHandler<FunctionEvent>
{
    public void OnEvent(ref FunctionEvent evt, long sequence, bool endOfBatch) => evt.StepTwoResult = evt.StepOneResult + 3;
}

/// <summary>Pipeline step three: counts results with bit 2 set.</summary>
public sealed class StepThreeHandler : CountingHandler, IValueEventHandler<FunctionEvent>
{
    public long Counter { get; private set; }

    public void OnEvent(ref FunctionEvent evt, long sequence, bool endOfBatch)
    {
        if ((evt.StepTwoResult & 4L) == 4L)
        {
            Counter++;
        }

        Track(sequence, endOfBatch);
    }

    protected override void ResetState() => Counter = 0;
}
