using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>A one-instrument algorithm fed with completed bars (momentum, mean reversion).</summary>
public interface IBarStrategy
{
    /// <summary>Processes one completed bar; returns the number of signals written.</summary>
    int OnBar(long time, double close, Span<StrategySignal> output);

    /// <summary>Adds the algorithm's state to a digest.</summary>
    void AppendDigest(StateDigestBuilder digest);
}

/// <summary>A two-instrument algorithm fed with aligned completed bars of both (pairs, correlation).</summary>
public interface IPairBarStrategy
{
    /// <summary>Processes one pair of aligned bars; returns the number of signals written.</summary>
    int OnBar(long time, double closeA, double closeB, Span<StrategySignal> output);

    /// <summary>Adds the algorithm's state to a digest.</summary>
    void AppendDigest(StateDigestBuilder digest);
}
