namespace MultiAsset.Host.Control.Application;

/// <summary>An RFC 7807 problem: <c>{ "type", "title", "status", "detail", "field"? }</c>.</summary>
/// <param name="Status">HTTP status.</param>
/// <param name="Title">Short, per status.</param>
/// <param name="Detail">What went wrong, readable.</param>
/// <param name="Field">The request field at fault (a JSON path such as <c>allocation[0].targetWeight</c>), when known.</param>
public sealed record ControlProblem(int Status, string Title, string Detail, string? Field)
{
    /// <summary>The problem type URI for <paramref name="status"/>.</summary>
    public string Type => $"https://httpstatuses.io/{Status}";

    /// <summary>The title of a status.</summary>
    public static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Unprocessable request",
        429 => "Too many requests",
        503 => "The engine is not ready",
        504 => "The engine did not answer in time",
        _ => status >= 500 ? "Server error" : "Request failed",
    };
}
