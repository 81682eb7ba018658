using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using MultiAsset.Host.Control.Application;

namespace MultiAsset.Host.Control.Security;

/// <summary>
/// The per-key request budget (ASP.NET Core's rate limiter, a global token-bucket limiter): one bucket per
/// authenticated key name, one per remote address for requests without a valid key. An empty bucket answers 429
/// (gRPC: RESOURCE_EXHAUSTED) with <c>Retry-After</c>, before the gate and the endpoint run.
/// </summary>
internal static class ControlRateLimiter
{
    /// <summary>Registers the limiter for <c>UseRateLimiter()</c>.</summary>
    public static IServiceCollection AddControlRateLimiter(this IServiceCollection services, ControlRateLimit limit)
    {
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(
                context => RateLimitPartition.GetTokenBucketLimiter(ControlIdentity.Of(context).Partition(context), _ => bucket));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) => RejectAsync(rejected, limit);
        });
    }

    private static ValueTask RejectAsync(OnRejectedContext rejected, ControlRateLimit limit)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var who = ControlIdentity.Of(context).Caller is { } caller ? $"Key '{caller.Name}'" : "This address";
        var problem = new ControlProblem(
            StatusCodes.Status429TooManyRequests,
            "Too many requests",
            $"{who} sent more than {limit.RequestsPerSecond} requests a second (burst {limit.Burst}); retry after {seconds} s.",
            null);
        return new ValueTask(DenialWriter.WriteAsync(context, problem));
    }
}
