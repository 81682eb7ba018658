namespace MultiAsset.Host.Control.Application;

/// <summary>
/// What a control operation produced, independent of the protocol: on success an HTTP-like status (200, 201) and the
/// JSON to return; on failure an RFC 7807 problem. REST writes it as is; gRPC maps it to a reply or an RpcException.
/// </summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Json">The JSON body on success (null on failure).</param>
/// <param name="Problem">The problem on failure (null on success).</param>
public sealed record ControlResult(int Status, string? Json, ControlProblem? Problem)
{
    /// <summary>True for 2xx.</summary>
    public bool Succeeded => Problem is null;

    /// <summary>200 with <paramref name="json"/>.</summary>
    public static ControlResult Ok(string json) => new(200, json, null);

    /// <summary>A success with <paramref name="status"/> (200 or 201) and <paramref name="json"/>.</summary>
    public static ControlResult Success(int status, string json) => new(status, json, null);

    /// <summary>A failure with <paramref name="status"/>, a message and the field at fault (when known).</summary>
    public static ControlResult Fail(int status, string detail, string? field = null) => new(status, null, new ControlProblem(status, ControlProblem.TitleOf(status), detail, field));
}
