namespace MultiAsset.Engine.Journal;

/// <summary>The integrity verdict of <see cref="JournalInspector"/>.</summary>
public enum JournalIntegrity
{
    /// <summary>Every header, record CRC and archive checksum verified; sequences contiguous.</summary>
    Ok = 0,

    /// <summary>Sound, but the last segment ends in a torn tail the next writer open will truncate (unacknowledged bytes).</summary>
    TornTail = 1,

    /// <summary>Damage a writer will refuse to open (see <see cref="JournalInspection.Problem"/>).</summary>
    Corrupt = 2,
}
