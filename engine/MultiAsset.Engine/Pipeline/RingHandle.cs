using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A ring registered with a <see cref="PipelineBuilder"/>: producers publish into <see cref="Ring"/>; stages are
/// wired to it by handle.
/// </summary>
public sealed class RingHandle<T> : RingRegistration
    where T : struct
{
    internal RingHandle(RingOptions options, bool fedExternally)
        : base(options, fedExternally)
    {
        Ring = new ValueRingBuffer<T>(options.Size, options.Producer);
    }

    /// <summary>The ring itself.</summary>
    public ValueRingBuffer<T> Ring { get; }

    /// <inheritdoc />
    public override Sequencer Sequencer => Ring.Sequencer;
}

/// <summary>The type-independent part of a registered ring.</summary>
public abstract class RingRegistration
{
    private protected RingRegistration(RingOptions options, bool fedExternally)
    {
        Options = options;
        FedExternally = fedExternally;
    }

    /// <summary>Name, size and producer type.</summary>
    public RingOptions Options { get; }

    /// <summary>The ring's name.</summary>
    public string Name => Options.Name;

    /// <summary>True when threads outside the pipeline (feeds, the control plane) publish into it.</summary>
    public bool FedExternally { get; }

    /// <summary>The ring's sequencer.</summary>
    public abstract Sequencer Sequencer { get; }
}
