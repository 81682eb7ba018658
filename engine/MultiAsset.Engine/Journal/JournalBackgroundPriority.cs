namespace MultiAsset.Engine.Journal;

/// <summary>
/// The scheduling priority of the journal's background thread (sealed-segment sync, LZ4 compression, prunes,
/// manifest checkpoints). Read from <c>journal.backgroundPriority</c>.
/// </summary>
/// <remarks>
/// Compressing a segment costs about as much CPU as producing it: at millions of events per second LZ4 alone needs
/// most of a core. On a machine whose cores the engine and its feeds already use, a background thread at the
/// engine's priority takes its share from them; at a lower priority it takes only the time they leave, and falls
/// behind (the plain segments wait, readable, and are compressed when the engine slows down or at the next open).
/// </remarks>
public enum JournalBackgroundPriority
{
    /// <summary>SCHED_IDLE (Linux): runs only on a core no other thread wants. The default.</summary>
    Idle = 0,

    /// <summary>nice 19: a small share of a busy core (about 1.5 % against one normal thread).</summary>
    Low = 1,

    /// <summary>The engine's own priority.</summary>
    Normal = 2,
}
