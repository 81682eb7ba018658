namespace MultiAsset.Host.ReplayDiff;

/// <summary>What a replay diff found (the JSON of <c>--json</c>; camelCase).</summary>
public sealed record ReplayDiffResult
{
    /// <summary>The journal replayed.</summary>
    public required string Journal { get; init; }

    /// <summary>Input records replayed (from sequence 0).</summary>
    public required long Records { get; init; }

    /// <summary>Journalled execution reports (input, replayed unchanged on both sides; the chained engine journals none).</summary>
    public required long RecordedExecutionReports { get; init; }

    /// <summary>
    /// Whether side A's configuration has the fingerprint of the journal's newest snapshot (the configuration that
    /// recorded it); null when the journal has no snapshot to check against.
    /// </summary>
    public bool? ConfigAMatchesRecording { get; init; }

    /// <summary>The snapshot <see cref="ConfigAMatchesRecording"/> was checked against.</summary>
    public string? RecordingSnapshot { get; init; }

    /// <summary>Side A.</summary>
    public required ReplaySideSummary A { get; init; }

    /// <summary>Side B.</summary>
    public required ReplaySideSummary B { get; init; }

    /// <summary>True when no order, verdict or fill differs and every stage's final digest is equal.</summary>
    public bool Identical => FirstDivergence is null && Orders.Count == 0 && Fills.Count == 0 && StagesDifferingAtEnd.Count == 0;

    /// <summary>The first input after which the two sides' output differed; null when it never did.</summary>
    public ReplayDivergence? FirstDivergence { get; init; }

    /// <summary>Stages whose digest differs after the last record, in pipeline order.</summary>
    public required IReadOnlyList<string> StagesDifferingAtEnd { get; init; }

    /// <summary>Every differing order (only in A, only in B, changed), by the input sequence that created it.</summary>
    public required IReadOnlyList<ReplayItemDiff> Orders { get; init; }

    /// <summary>Every differing fill.</summary>
    public required IReadOnlyList<ReplayItemDiff> Fills { get; init; }
}

/// <summary>One side's configuration and totals.</summary>
public sealed record ReplaySideSummary(string Config, IReadOnlyList<string> Replaced, int Orders, int Refused, int Fills, IReadOnlyDictionary<string, string> Digests, long StageExceptions);

/// <summary>
/// The first divergence: the input sequence and its event time, what differed first (<c>order</c>: an order only one
/// side made or made differently; <c>verdict</c>: the same order, another risk verdict; <c>fill</c>), the first item on
/// each side (null: that side had none there), and the stages' digests right after that input: every stage whose
/// digest differs, in pipeline order, the first of them named on its own.
/// </summary>
public sealed record ReplayDivergence(
    long Sequence, string Time, string What, string Key, string? A, string? B,
    string? FirstStage, IReadOnlyList<string> DifferingStages, IReadOnlyDictionary<string, string> DigestsA, IReadOnlyDictionary<string, string> DigestsB);

/// <summary>
/// One differing order or fill: <c>onlyInA</c>, <c>onlyInB</c> or <c>changed</c> (with the fields that differ), the input
/// sequence at which it appeared (A's when it has one) and a one-line description of each side's version.
/// </summary>
public sealed record ReplayItemDiff(string Change, string Key, long Sequence, string? A, string? B, IReadOnlyList<ReplayFieldDiff> Fields);

/// <summary>A field that differs between the two sides' versions of the same order or fill.</summary>
public sealed record ReplayFieldDiff(string Field, string? A, string? B);
