namespace MultiAsset.Host.Foundation;

/// <summary>The <c>feed</c> section of <c>config/engine.json</c> for the foundation demo feed.</summary>
/// <param name="Instruments">Number of instruments to walk.</param>
/// <param name="Seed">Random seed (same seed, same ticks).</param>
/// <param name="EventsPerSecond">Target rate; 0 = as fast as the pipeline takes them.</param>
/// <param name="BatchSize">Ticks claimed and published at once.</param>
public sealed record SyntheticFeedOptions(int Instruments, ulong Seed, long EventsPerSecond, int BatchSize);
