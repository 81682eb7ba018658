namespace MultiAsset.Host;

/// <summary>Where the engine is in its life, as the control plane must know it.</summary>
public enum EngineState
{
    /// <summary>Replaying the journal (or not yet started): no request is taken.</summary>
    Recovering,

    /// <summary>Recovered, feeds positioned after the last journalled event: requests are taken.</summary>
    Ready,

    /// <summary>The run is ending: no request is taken.</summary>
    Stopping,
}

/// <summary>
/// The engine's state for the control plane. Until the journal has been replayed and the feeds positioned after its
/// last event, a command published into the input ring would land between replayed records and could be lost or
/// applied out of order, and a read would show a half-rebuilt state: the control API answers 503 with
/// <c>Retry-After</c> and <c>/health</c> says <c>recovering</c>. Written by <see cref="EngineService"/>, read by any thread.
/// </summary>
public sealed class EngineReadiness
{
    private volatile int state;

    /// <summary>A readiness that starts <see cref="EngineState.Recovering"/>; <paramref name="ready"/> starts it ready (tests, fakes).</summary>
    public EngineReadiness(bool ready = false) => state = ready ? (int)EngineState.Ready : (int)EngineState.Recovering;

    /// <summary>The state now.</summary>
    public EngineState State => (EngineState)state;

    /// <summary>True when requests may reach the engine.</summary>
    public bool IsReady => state == (int)EngineState.Ready;

    /// <summary>Seconds a client should wait before retrying while not ready (the <c>Retry-After</c> header).</summary>
    public static int RetryAfterSeconds => 1;

    /// <summary>The state as <c>/health</c> prints it.</summary>
    public string Name => State switch
    {
        EngineState.Ready => "ready",
        EngineState.Stopping => "stopping",
        _ => "recovering",
    };

    /// <summary>Recovery is over and the feeds are positioned: take requests.</summary>
    public void MarkReady() => Interlocked.CompareExchange(ref state, (int)EngineState.Ready, (int)EngineState.Recovering);

    /// <summary>The run is ending: take no more requests.</summary>
    public void MarkStopping() => state = (int)EngineState.Stopping;
}
