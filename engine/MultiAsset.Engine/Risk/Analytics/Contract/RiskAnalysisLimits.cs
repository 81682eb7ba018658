namespace MultiAsset.Engine.Risk.Analytics.Contract;

/// <summary>Size and range caps of the risk-analysis request (a body beyond them is rejected, 400).</summary>
public static class RiskAnalysisLimits
{
    /// <summary>Positions per request.</summary>
    public const int MaxPositions = 2_000;

    /// <summary>Rows of <c>returns</c> or <c>scenarios</c>.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Numbers in <c>returns</c> or <c>scenarios</c> (rows × positions).</summary>
    public const long MaxMatrixValues = 5_000_000;

    /// <summary>Monte Carlo paths.</summary>
    public const int MaxPaths = 1_000_000;

    /// <summary>Monte Carlo paths × positions (the simulated values held in memory).</summary>
    public const long MaxSimulatedValues = 20_000_000;

    /// <summary>Horizon in periods.</summary>
    public const double MaxHorizon = 10_000;

    /// <summary>Student-t degrees of freedom (above this the t is a normal for every practical purpose).</summary>
    public const double MaxDegreesOfFreedom = 10_000;

    /// <summary>topN.</summary>
    public const int MaxTopN = 1_000;

    /// <summary>|exposure| and |scenario P&amp;L| in base currency.</summary>
    public const double MaxAmount = 1e15;

    /// <summary>|return|, |covariance entry|, |mean return| per period.</summary>
    public const double MaxRate = 1e6;

    /// <summary>Symbol and currency length.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Problems reported per request (the rest are summarised in one last problem).</summary>
    public const int MaxProblems = 100;
}
