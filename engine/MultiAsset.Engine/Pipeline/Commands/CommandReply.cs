namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// A stage's answer to a command: whether it was done, an HTTP-like status the control plane maps to its protocol,
/// a message for errors, and a result copied out of the stage's state (never a live reference to it).
/// </summary>
/// <param name="Status">What happened.</param>
/// <param name="Message">What went wrong (null on success).</param>
/// <param name="Result">A copy of the state the command produced or asked for (null when none).</param>
public sealed record CommandReply(CommandStatus Status, string? Message = null, object? Result = null)
{
    /// <summary>True when the command was carried out.</summary>
    public bool Succeeded => Status is CommandStatus.Ok or CommandStatus.Created;

    /// <summary>A successful reply carrying <paramref name="result"/>.</summary>
    public static CommandReply Ok(object? result = null) => new(CommandStatus.Ok, null, result);

    /// <summary>A failed reply.</summary>
    public static CommandReply Fail(CommandStatus status, string message) => new(status, message);
}
