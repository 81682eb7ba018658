namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// What to replay and how the two sides differ. Side A runs <see cref="ConfigA"/> (null: what the host runs by
/// default); side B runs <see cref="ConfigB"/> (null: A's engine.json) with the trading files in
/// <see cref="ReplacedFiles"/> (engine.json field → file) and the strategy documents in <see cref="Strategies"/>
/// swapped in.
/// </summary>
public sealed record ReplayDiffRequest
{
    /// <summary>The journal directory; null: side A's configured journal.</summary>
    public string? Journal { get; init; }

    /// <summary>Side A's engine.json (the configuration the journal was recorded with).</summary>
    public string? ConfigA { get; init; }

    /// <summary>Side B's engine.json; null: A's.</summary>
    public string? ConfigB { get; init; }

    /// <summary>Trading files B reads instead of the ones its engine.json names (risk, venues, coordination, accounts, universes).</summary>
    public IReadOnlyDictionary<string, string> ReplacedFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Strategy documents B creates instead of the recorded ones with the same id (or name).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = [];

    /// <summary>Replay only the records before this sequence (null: the whole journal).</summary>
    public long? ToSequence { get; init; }
}
