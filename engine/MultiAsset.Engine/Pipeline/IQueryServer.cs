namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Answers the queries waiting in a <see cref="Commands.QueryInbox"/>, on the thread that owns the state they read
/// (the chained engine's thread, between two input events).
/// </summary>
public interface IQueryServer
{
    /// <summary>The inbox this server answers.</summary>
    Commands.QueryInbox Inbox { get; }

    /// <summary>Answers every query waiting now.</summary>
    void Serve();
}
