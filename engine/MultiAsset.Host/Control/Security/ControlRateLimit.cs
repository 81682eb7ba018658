namespace MultiAsset.Host.Control.Security;

/// <summary>
/// The control API's per-caller request budget (<c>control.rateLimit</c>): a token bucket per API key (anonymous and
/// unauthenticated requests share one bucket per remote address) refilled with <see cref="RequestsPerSecond"/> tokens
/// a second, holding at most <see cref="Burst"/>. A request that finds the bucket empty answers 429 with
/// <c>Retry-After</c>; nothing is queued.
/// </summary>
/// <param name="RequestsPerSecond">Sustained requests a second per key.</param>
/// <param name="Burst">Requests a key may send at once after being idle.</param>
public sealed record ControlRateLimit(int RequestsPerSecond, int Burst)
{
    /// <summary>
    /// 2 000 requests a second with a burst of 4 000 per key: well above a dashboard or <c>maectl</c>, above the
    /// 1 000 reads a second the read-load benchmark sends from one key, and far above what the test suite sends. A
    /// configured rate without a burst gets a burst of twice the rate.
    /// </summary>
    public static ControlRateLimit Default { get; } = new(2_000, 4_000);

    /// <summary>The largest value either setting accepts.</summary>
    public const int MaxValue = 1_000_000;
}
