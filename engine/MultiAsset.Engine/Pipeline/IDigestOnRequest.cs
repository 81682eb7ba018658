namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// A stage that can take its state digest at an exact point of the input: right after input sequence N (the host's
/// <c>--digest-at N</c>), on its own thread, so an uninterrupted run and a crash-and-recover run can be compared.
/// </summary>
public interface IDigestOnRequest : IStateDigest
{
    /// <summary>Asks for the digest right after input <paramref name="sequence"/> is processed. Call before the pipeline starts.</summary>
    void RequestDigestAt(long sequence);

    /// <summary>The requested digest, once taken (null before).</summary>
    ulong? RequestedDigest { get; }
}
