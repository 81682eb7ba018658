namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A stage that can digest the state it owns. Recovery, replay and backtest-determinism checks compare digests: two
/// runs that processed the same events must give the same digest, and a stage is not done until it has one.
/// </summary>
/// <remarks>Call only when the stage is not processing (the pipeline drained or stopped), or from the stage's own
/// thread; caches that do not change results (calendar cursors, say) are left out.</remarks>
public interface IStateDigest
{
    /// <summary>Stage name, as in the pipeline.</summary>
    string DigestName { get; }

    /// <summary>Adds the stage's state to <paramref name="builder"/>, field by field in a fixed order.</summary>
    void AppendDigest(StateDigestBuilder builder);
}

/// <summary>Digest helpers.</summary>
public static class StateDigest
{
    /// <summary>The digest of <paramref name="stage"/>'s state now.</summary>
    public static ulong Of(IStateDigest stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var builder = new StateDigestBuilder();
        stage.AppendDigest(builder);
        return builder.Digest;
    }

    /// <summary>Sixteen hex digits, as the host prints digests.</summary>
    public static string Format(ulong digest) => digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
