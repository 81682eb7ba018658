namespace MultiAsset.Engine.Ring;

/// <summary>The wait strategies a consumer thread can be configured with (<c>config/engine.json</c>).</summary>
public enum WaitStrategyKind
{
    /// <summary>Spin without yielding: lowest latency, burns a whole core. Only for a core of its own.</summary>
    BusySpin,

    /// <summary>Spin a little, then <see cref="Thread.Yield"/>: low latency, a busy core while idle.</summary>
    Yielding,

    /// <summary>Spin, then yield, then sleep 1 ms: low idle CPU, sub-millisecond wake-up after a burst.</summary>
    Sleeping,

    /// <summary>Sleep on a monitor until a producer publishes: near-zero idle CPU, a few µs wake-up.</summary>
    Blocking,
}

/// <summary>Creates wait strategies by kind.</summary>
public static class WaitStrategies
{
    /// <summary>A new wait strategy instance of <paramref name="kind"/>.</summary>
    public static IWaitStrategy Create(WaitStrategyKind kind) => kind switch
    {
        WaitStrategyKind.BusySpin => new BusySpinWaitStrategy(),
        WaitStrategyKind.Yielding => new YieldingWaitStrategy(),
        WaitStrategyKind.Sleeping => new SleepingWaitStrategy(),
        WaitStrategyKind.Blocking => new BlockingWaitStrategy(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wait strategy."),
    };
}
