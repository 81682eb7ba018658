namespace MultiAsset.Engine.Ring;

/// <summary>Padding sizes that keep hot fields written by different threads on separate cache lines.</summary>
internal static class RingPadding
{
    /// <summary>
    /// Bytes of padding on each side of a padded field. 56 + the 8-byte field fills a 64-byte line; two lines'
    /// worth on each side also defeats the adjacent-line prefetcher.
    /// </summary>
    public const int Bytes = 56;

    /// <summary>Extra array elements' worth of bytes kept empty at each end of a ring's entry array.</summary>
    public const int ArrayBytes = 128;
}
