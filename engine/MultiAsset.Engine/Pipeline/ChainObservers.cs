using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Pipeline;

/// <summary>Two chain observers as one (e.g. a backtest's recorder and the audit trail), called in order.</summary>
public sealed class ChainObservers : IChainObserver
{
    private readonly IChainObserver first;
    private readonly IChainObserver second;

    private ChainObservers(IChainObserver first, IChainObserver second)
    {
        this.first = first;
        this.second = second;
    }

    /// <summary>Both observers; either may be null (then the other is returned as it is).</summary>
    public static IChainObserver? Combine(IChainObserver? first, IChainObserver? second)
        => first is null ? second : second is null ? first : new ChainObservers(first, second);

    /// <inheritdoc />
    public void BeforeEvent(in InputEvent evt)
    {
        first.BeforeEvent(in evt);
        second.BeforeEvent(in evt);
    }

    /// <inheritdoc />
    public void AfterFeedback(in InputEvent evt)
    {
        first.AfterFeedback(in evt);
        second.AfterFeedback(in evt);
    }

    /// <inheritdoc />
    public void AfterEvent(long sequence)
    {
        first.AfterEvent(sequence);
        second.AfterEvent(sequence);
    }
}
