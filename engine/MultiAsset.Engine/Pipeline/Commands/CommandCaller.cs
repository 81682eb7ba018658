namespace MultiAsset.Engine.Pipeline.Commands;

/// <summary>
/// The caller of the control request being served, as the id the journal records with each command
/// (<see cref="Model.Events.CommandData.Caller"/>: the API key's 1-based position in the configured key list; 0 = none).
/// The host's authentication gate sets it for the request; <see cref="CommandClient"/> reads it when it publishes, so
/// no application-layer call has to pass it along. It flows with the request's async context (an <see cref="AsyncLocal{T}"/>).
/// </summary>
public static class CommandCaller
{
    private static readonly AsyncLocal<ushort> Id = new();

    /// <summary>The caller id of the current request (0 outside a request).</summary>
    public static ushort Current
    {
        get => Id.Value;
        set => Id.Value = value;
    }
}
