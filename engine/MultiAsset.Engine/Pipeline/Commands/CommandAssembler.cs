using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// Rebuilds commands from the input ring on the consuming stage's thread: give it every command header and chunk
/// slot; it says when a whole command of one of the kinds it was asked for has arrived. Chunks of other kinds'
/// commands are skipped without copying, so a stage pays only for its own commands.
/// </summary>
/// <remarks>
/// A body is allocated per command (control path, never per market-data event). A header whose chunks do not follow
/// (a producer that failed half-way leaves its slots marked invalid, and those are never delivered) is dropped when
/// the next header arrives and counted in <see cref="Incomplete"/>.
/// </remarks>
public sealed class CommandAssembler
{
    private readonly Func<CommandKind, bool> accepts;
    private CommandData header;
    private byte[]? body;
    private int received;
    private int nextChunk;
    private long headerTimestamp;

    /// <summary>Creates an assembler for the command kinds <paramref name="accepts"/> selects.</summary>
    public CommandAssembler(Func<CommandKind, bool> accepts)
    {
        ArgumentNullException.ThrowIfNull(accepts);
        this.accepts = accepts;
    }

    /// <summary>Commands whose body never arrived in full.</summary>
    public long Incomplete { get; private set; }

    /// <summary>
    /// Feeds one command header or chunk; returns true when a command of an accepted kind is complete, with its header,
    /// body and header timestamp.
    /// </summary>
    public bool TryAccept(ref readonly InputEvent evt, out CommandData command, out ReadOnlySpan<byte> commandBody, out long timestamp)
    {
        command = default;
        commandBody = default;
        timestamp = 0;
        if (evt.Kind == InputEventKind.Command)
        {
            if (body is not null)
            {
                Incomplete++;
            }

            body = null;
            if (!accepts(evt.Command.Kind) || evt.Command.BodyLength < 0 || evt.Command.BodyLength > CommandPublisher.MaxBodyLength)
            {
                return false;
            }

            header = evt.Command;
            headerTimestamp = evt.Timestamp;
            body = new byte[header.BodyLength];
            received = 0;
            nextChunk = 0;
            return Complete(out command, out commandBody, out timestamp);
        }

        if (evt.Kind != InputEventKind.CommandChunk || body is null)
        {
            return false;
        }

        if (evt.Instrument.Value != nextChunk)
        {
            // A chunk out of place means the header's body is broken: drop the command rather than run half of it.
            Incomplete++;
            body = null;
            return false;
        }

        var length = Math.Min(CommandChunk.Capacity, body.Length - received);
        ((ReadOnlySpan<byte>)evt.Chunk)[..length].CopyTo(body.AsSpan(received));
        received += length;
        nextChunk++;
        return Complete(out command, out commandBody, out timestamp);
    }

    private bool Complete(out CommandData command, out ReadOnlySpan<byte> commandBody, out long timestamp)
    {
        command = header;
        timestamp = headerTimestamp;
        if (body is null || received < body.Length)
        {
            commandBody = default;
            return false;
        }

        commandBody = body;
        body = null;
        return true;
    }
}
