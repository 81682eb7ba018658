using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Rest;

/// <summary>Writes a <see cref="ControlResult"/> as the HTTP answer: JSON on success, <c>application/problem+json</c> on failure.</summary>
internal static class ProblemWriter
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The result as an ASP.NET Core result.</summary>
    public static IResult ToHttp(ControlResult result, HttpContext context)
    {
        if (result.Problem is not { } problem)
        {
            return Results.Content(result.Json, "application/json", statusCode: result.Status);
        }

        AddRetryAfter(context, problem.Status);
        return Results.Content(ProblemJson(problem, context.Request.Path), ProblemContentType, statusCode: problem.Status);
    }

    /// <summary>A 503 (engine recovering or stopping) tells the client when to retry.</summary>
    private static void AddRetryAfter(HttpContext context, int status)
    {
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = EngineReadiness.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Writes a problem directly (middleware, before routing).</summary>
    public static Task WriteAsync(HttpContext context, ControlProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = ProblemContentType;
        AddRetryAfter(context, problem.Status);
        return context.Response.WriteAsync(ProblemJson(problem, context.Request.Path), context.RequestAborted);
    }

    /// <summary>The RFC 7807 document: type, title, status, detail, instance and (when known) field.</summary>
    public static string ProblemJson(ControlProblem problem, string? instance)
    {
        var json = new JsonObject
        {
            ["type"] = problem.Type,
            ["title"] = problem.Title,
            ["status"] = problem.Status,
            ["detail"] = problem.Detail,
            ["instance"] = instance,
        };
        if (problem.Field is not null)
        {
            json["field"] = problem.Field;
        }

        return json.ToJsonString(ResultJson.Options);
    }
}
