namespace MultiAsset.Engine.Ring;

/// <summary>Optional start/stop notifications for a handler, called on the stage's thread.</summary>
public interface IStageLifecycle
{
    /// <summary>Called once on the stage thread before the first event.</summary>
    void OnStart();

    /// <summary>Called once on the stage thread after the last event, when the pipeline stops.</summary>
    void OnShutdown();
}
