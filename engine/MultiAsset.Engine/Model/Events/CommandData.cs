using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Model.Events;

/// <summary>
/// The payload of a command header. A command is one header slot followed, in the next slots of the same claim, by
/// its body cut into <see cref="CommandChunk"/>s, so the whole command travels through the ring — and therefore
/// through the journal and its replay — like any other input. 20 bytes (18 used).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct CommandData
{
    /// <summary>What to do.</summary>
    public CommandKind Kind;

    /// <summary>The id the sender waits on for its reply (0 = nobody waits, e.g. a journal replay or a startup deploy).</summary>
    public long CorrelationId;

    /// <summary>Bytes of body in the chunk slots that follow.</summary>
    public int BodyLength;

    /// <summary>
    /// Who sent the command: the API key's caller id (its 1-based position in the control configuration's key list,
    /// <c>control.apiKeys</c>); 0 = not an API call (startup deployment, a tool, or a journal written before callers were
    /// recorded — those bytes were zero, so old journals read as "no caller"). Journalled with the command, so the
    /// audit trail and the journal export name the caller.
    /// </summary>
    public ushort Caller;

    /// <summary>Number of chunk slots a body of <paramref name="bodyLength"/> bytes takes.</summary>
    public static int ChunkCount(int bodyLength) => (bodyLength + CommandChunk.Capacity - 1) / CommandChunk.Capacity;
}
