using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Routing.Stage;

/// <summary>
/// Reports produced inside the engine (by the in-process simulated venues) that must flow through the stages like
/// input: the engine chain takes them after each input event and runs them through every stage. Being a function of
/// the journalled input, they are rebuilt by replay and need no journal record of their own.
/// </summary>
public interface IFeedbackSource
{
    /// <summary>Takes the oldest waiting report.</summary>
    bool TryTake(out InputEvent report);
}
