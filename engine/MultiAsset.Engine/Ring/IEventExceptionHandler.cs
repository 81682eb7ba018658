namespace MultiAsset.Engine.Ring;

/// <summary>
/// What happens when a handler throws. The processor has already counted the failure and will go on with the next
/// event: implementations log or alert, they must not throw.
/// </summary>
public interface IEventExceptionHandler
{
    /// <summary>A handler threw while processing <paramref name="sequence"/>.</summary>
    void OnEventException(Exception exception, long sequence, string stageName);

    /// <summary>A handler threw from <see cref="IStageLifecycle.OnStart"/> or <see cref="IStageLifecycle.OnShutdown"/>.</summary>
    void OnLifecycleException(Exception exception, string stageName, string phase);
}
