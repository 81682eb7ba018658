namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// The bookkeeping of <see cref="IDigestOnRequest"/>: which sequence to digest at, and the digest once taken (written
/// on the stage thread, read by the host).
/// </summary>
public sealed class DigestRequest
{
    private long at = -1;
    private ulong value;
    private bool ready;

    /// <summary>The requested digest, once taken.</summary>
    public ulong? Value => Volatile.Read(ref ready) ? value : null;

    /// <summary>Asks for the digest after <paramref name="sequence"/>.</summary>
    public void At(long sequence) => at = sequence;

    /// <summary>True when <paramref name="sequence"/> is the requested one (the caller then calls <see cref="Take"/>).</summary>
    public bool IsDue(long sequence) => sequence == at;

    /// <summary>Digests <paramref name="stage"/> now and publishes the value.</summary>
    public void Take(IStateDigest stage)
    {
        value = StateDigest.Of(stage);
        Volatile.Write(ref ready, true);
    }
}
