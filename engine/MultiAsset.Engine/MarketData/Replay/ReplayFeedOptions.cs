namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>Options of a <see cref="ReplayFeed"/>.</summary>
public sealed record ReplayFeedOptions
{
    /// <summary>As fast as possible, 256-event batches.</summary>
    public static ReplayFeedOptions Default { get; } = new();

    /// <summary>Slots claimed per batch when not paced (capped at the ring size): fewer cursor updates, fewer wake-ups.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Events before this instant (ns since the Unix epoch) are skipped; null replays from the start (a backtest's <c>start</c>).</summary>
    public long? StartNanoseconds { get; init; }

    /// <summary>The replay ends at the first event at or after this instant (ns); null replays to the end (a backtest's <c>end</c>).</summary>
    public long? EndNanoseconds { get; init; }

    /// <summary>As fast as possible, or following the recorded timestamps.</summary>
    public ReplayPacing Pacing { get; init; } = ReplayPacing.AsFastAsPossible;

    /// <summary>With <see cref="ReplayPacing.RecordedTimestamps"/>: replay speed relative to the recording (1 = real time).</summary>
    public double SpeedMultiple { get; init; } = 1.0;

    /// <summary>
    /// How many bad rows are logged one by one (file:line:column, reason, value); later ones are only counted and
    /// reported in the end-of-replay summary. 0 logs none individually.
    /// </summary>
    public int LoggedBadRows { get; init; } = ReplayDiagnostics.DefaultLoggedBadRows;

    /// <summary>
    /// A jump in event time between two consecutive rows of a file larger than this is logged as a warning with the
    /// file and line (a mistyped year, two files concatenated): the rows are still replayed.
    /// </summary>
    public TimeSpan GapWarning { get; init; } = ReplayDiagnostics.DefaultGapWarning;

    /// <summary>A stress scenario's price path laid over the data (a backtest's <c>stress</c>); null replays the data as it is.</summary>
    public PricePathShock? Shock { get; init; }

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        Shock?.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegative(LoggedBadRows, nameof(LoggedBadRows));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GapWarning, TimeSpan.Zero, nameof(GapWarning));
        if (!double.IsFinite(SpeedMultiple) || SpeedMultiple <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SpeedMultiple), SpeedMultiple, "The replay speed must be a positive finite multiple.");
        }

        if (!Enum.IsDefined(Pacing))
        {
            throw new ArgumentOutOfRangeException(nameof(Pacing), Pacing, "Unknown pacing.");
        }
    }
}
