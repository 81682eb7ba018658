namespace MultiAsset.Engine.Ring;

/// <summary>
/// Processes ring events in place. Called on the stage's own thread only, in sequence order, once per event.
/// </summary>
/// <remarks>Implement on a sealed class or a struct; the processor is generic over the handler type so the call
/// can be devirtualised.</remarks>
public interface IValueEventHandler<T>
    where T : struct
{
    /// <summary>
    /// Handles one event. <paramref name="endOfBatch"/> is true for the last event of the batch the processor took
    /// from the ring: the moment to flush buffered work.
    /// </summary>
    void OnEvent(ref T evt, long sequence, bool endOfBatch);
}
