namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>The outcome of a command, as HTTP-like codes so the REST layer maps them one to one.</summary>
public enum CommandStatus
{
    /// <summary>Done.</summary>
    Ok = 200,

    /// <summary>Done; something new exists.</summary>
    Created = 201,

    /// <summary>The request is malformed or invalid (with the field at fault in the message).</summary>
    BadRequest = 400,

    /// <summary>What the command names does not exist.</summary>
    NotFound = 404,

    /// <summary>The command conflicts with the current state (already exists, not in a state that allows it).</summary>
    Conflict = 409,

    /// <summary>The engine is not taking commands now (recovering its journal, or stopping); retry later.</summary>
    Unavailable = 503,

    /// <summary>The engine did not answer in time (it may still carry the command out).</summary>
    Timeout = 504,
}
