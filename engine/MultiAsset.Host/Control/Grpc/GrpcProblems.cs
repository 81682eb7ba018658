using System.Globalization;
using Grpc.Core;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Grpc;

/// <summary>Maps problems to gRPC status codes; trailers <c>problem-status</c> and <c>problem-field</c> keep the rest.</summary>
internal static class GrpcProblems
{
    public static StatusCode CodeOf(int httpStatus) => httpStatus switch
    {
        400 or 413 or 415 or 422 => StatusCode.InvalidArgument,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.NotFound,
        405 => StatusCode.Unimplemented,
        409 => StatusCode.FailedPrecondition,
        429 => StatusCode.ResourceExhausted,
        503 => StatusCode.Unavailable,
        504 => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };

    public static RpcException ToException(ControlProblem problem)
    {
        var trailers = new Metadata { { "problem-status", problem.Status.ToString(CultureInfo.InvariantCulture) } };
        if (problem.Field is { } field)
        {
            trailers.Add("problem-field", new string([.. field.Select(c => c is >= ' ' and <= '~' ? c : '?')]));
        }

        return new RpcException(new Status(CodeOf(problem.Status), problem.Detail), trailers);
    }
}
