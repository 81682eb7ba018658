using System.Globalization;
using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Grpc;
using MultiAsset.Host.Control.Rest;

namespace MultiAsset.Host.Control.Security;

/// <summary>
/// Writes a refusal made before an endpoint runs (401, 403, 404, 429) in the caller's protocol: a gRPC call gets a
/// trailers-only gRPC answer (<c>grpc-status</c> UNAUTHENTICATED, PERMISSION_DENIED, … plus <c>problem-status</c> and
/// <c>problem-field</c>, as <see cref="GrpcProblems"/> does for the service's own failures); anything else gets
/// <c>application/problem+json</c>.
/// </summary>
internal static class DenialWriter
{
    public static Task WriteAsync(HttpContext context, ControlProblem problem)
    {
        if (!IsGrpc(context.Request))
        {
            return ProblemWriter.WriteAsync(context, problem);
        }

        // Trailers-only: HTTP 200 with the gRPC status in the headers and no message (what gRPC servers send for an
        // error before any message).
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        headers["grpc-status"] = ((int)GrpcProblems.CodeOf(problem.Status)).ToString(CultureInfo.InvariantCulture);
        headers["grpc-message"] = Uri.EscapeDataString(problem.Detail);
        headers["problem-status"] = problem.Status.ToString(CultureInfo.InvariantCulture);
        if (problem.Field is { } field)
        {
            headers["problem-field"] = field;
        }

        return Task.CompletedTask;
    }

    private static bool IsGrpc(HttpRequest request)
        => request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
