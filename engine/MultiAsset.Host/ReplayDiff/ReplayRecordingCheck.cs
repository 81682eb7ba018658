using MultiAsset.Engine.Journal.Snapshots;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Whether side A's configuration is the one the journal was recorded with, as far as the journal's snapshots can
/// tell: each snapshot carries the fingerprint of the configuration that took it (<see cref="HostConfig.Fingerprint"/>).
/// A replay of A with another configuration still runs — it is then a diff of two changed configurations, not of the
/// recorded run — so this is a warning in the report, not an error.
/// </summary>
internal static class ReplayRecordingCheck
{
    /// <summary>
    /// True / false when the newest intact snapshot beside the journal has A's fingerprint or not (with its path); null
    /// when there is no snapshot to check against.
    /// </summary>
    public static (bool? Matches, string? Snapshot) Check(string journal, HostConfig configA)
    {
        var folders = new List<string>();
        if (configA.Snapshots is { } options && configA.Journal is { } recorded
            && string.Equals(Path.GetFullPath(recorded.Directory), Path.GetFullPath(journal), StringComparison.Ordinal))
        {
            folders.Add(options.Directory);
        }

        folders.Add(Path.Combine(journal, SnapshotOptionsReader.DefaultFolder));
        foreach (var folder in folders)
        {
            foreach (var (_, path) in SnapshotStore.List(folder))
            {
                if (SnapshotFile.TryRead(path, out var header, out _, out _))
                {
                    return (header.Fingerprint == configA.Fingerprint, path);
                }
            }
        }

        return (null, null);
    }
}
