namespace MultiAsset.Engine.Model.Events;

/// <summary>What an <see cref="InputEvent"/> carries. Values are written into the journal: never renumber.</summary>
public enum InputEventKind : byte
{
    /// <summary>An empty slot (never published on purpose).</summary>
    None = 0,

    /// <summary>Top of book: bid/ask prices and sizes (<see cref="InputEvent.Quote"/>).</summary>
    Quote = 1,

    /// <summary>A trade print (<see cref="InputEvent.Trade"/>).</summary>
    Trade = 2,

    /// <summary>An OHLCV bar from a bar feed (<see cref="InputEvent.Bar"/>).</summary>
    Bar = 3,

    /// <summary>A reference value that strategies read but do not trade: index level, VIX, policy rate, sentiment (<see cref="InputEvent.Reference"/>).</summary>
    Reference = 4,

    /// <summary>
    /// The header of a control command (<see cref="InputEvent.Command"/>): what to do, the reply's correlation id and
    /// the length of the body that follows in the next <see cref="CommandData.ChunkCount(int)"/> slots.
    /// </summary>
    Command = 5,

    /// <summary>Up to <see cref="CommandChunk.Capacity"/> bytes of a command's body (<see cref="InputEvent.Chunk"/>), right after its header.</summary>
    CommandChunk = 6,

    /// <summary>A venue's report on a child order: ack, fill, reject or cancel (<see cref="InputEvent.Execution"/>).</summary>
    Execution = 7,

    /// <summary>
    /// A wake-up for the engine's query handler: read-only queries wait in a <c>QueryInbox</c> beside the ring and are
    /// answered on the engine thread between two input events; this slot only wakes an idle engine to answer them. It
    /// is never journalled, never replayed and never seen by a business stage, so it cannot change any state or digest.
    /// </summary>
    Query = 8,
}
