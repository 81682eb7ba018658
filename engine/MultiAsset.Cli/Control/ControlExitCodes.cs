using Grpc.Core;

namespace MultiAsset.Cli.Control;

/// <summary>maectl's exit codes for control commands: 0 ok, 1 the server said no (4xx), 2 usage, 3 cannot connect or server error (5xx).</summary>
internal static class ControlExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;

    /// <summary>The exit code for a failed call.</summary>
    public static int Of(RpcException exception) => exception.StatusCode switch
    {
        StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.AlreadyExists or StatusCode.PermissionDenied
            or StatusCode.Unauthenticated or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.ResourceExhausted => Refused,
        _ => Unreachable,
    };
}
