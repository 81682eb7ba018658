namespace MultiAsset.Engine.Journal;

/// <summary>What <see cref="JournalRetention.Prune"/> removed.</summary>
/// <param name="PrunedBefore">The manifest's pruned-before mark after the prune: records before it are gone from the journal.</param>
/// <param name="Files">The segment files deleted, or moved to the archive directory (their new paths).</param>
public sealed record JournalPruneResult(long PrunedBefore, IReadOnlyList<string> Files);
