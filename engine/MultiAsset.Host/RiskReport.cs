namespace MultiAsset.Host;

/// <summary>The answer to <c>GET /api/multi-asset/risk/analysis</c>: the gate's switches and decisions, and each account's risk figures.</summary>
/// <param name="GlobalKillSwitch">Whether every account is halted.</param>
/// <param name="HaltedAccounts">Accounts whose own kill switch is on.</param>
/// <param name="Verdicts">Orders checked, by verdict (Accepted and every rejection reason).</param>
/// <param name="Accounts">Per account (or the one asked for).</param>
/// <param name="Strategies">Per strategy of those accounts: its document limits, capital and verdicts (see <see cref="StrategyRisk"/>).</param>
public sealed record RiskReport(bool GlobalKillSwitch, IReadOnlyList<string> HaltedAccounts, IReadOnlyDictionary<string, long> Verdicts, IReadOnlyList<AccountRisk> Accounts, IReadOnlyList<StrategyRisk>? Strategies = null)
{
    /// <summary>The holdings and covariance the portfolio risk measures are computed from, copied with the report (not serialized).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RiskAnalysis.RiskInputs? Inputs { get; init; }

    /// <summary>How the portfolio risk measures were taken (null when they were not).</summary>
    public RiskAnalysis.RiskModelInfo? RiskModel { get; init; }

    /// <summary>The firm's measures (unscoped callers only).</summary>
    public RiskAnalysis.FirmRisk? Firm { get; init; }

    /// <summary>
    /// The report as a key limited to <paramref name="accounts"/> may see it: only those accounts' figures and halts,
    /// and <see cref="Verdicts"/> summed over those accounts (the same verdict names, so the shape does not change)
    /// instead of the gate's totals over every account. The global kill switch stays: it halts these accounts too.
    /// </summary>
    public RiskReport VisibleTo(IReadOnlySet<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var visible = Accounts.Where(a => accounts.Contains(a.Account)).ToList();
        var verdicts = Verdicts.Keys.ToDictionary(v => v, v => visible.Sum(a => a.Verdicts.GetValueOrDefault(v)), StringComparer.Ordinal);
        return this with
        {
            HaltedAccounts = [.. HaltedAccounts.Where(accounts.Contains)], Verdicts = verdicts, Accounts = visible,
            Strategies = Strategies is null ? null : [.. Strategies.Where(s => accounts.Contains(s.Account))],
            Inputs = Inputs is null ? null : Inputs with { Accounts = [.. Inputs.Accounts.Where(a => accounts.Contains(a.Account))] },
        };
    }
}

/// <summary>One account's risk figures, in its base currency.</summary>
/// <param name="Account">Account id.</param>
/// <param name="BaseCurrency">Currency of the amounts.</param>
/// <param name="Equity">Cash plus positions at current marks.</param>
/// <param name="GrossExposure">Σ |position| × mark.</param>
/// <param name="Leverage">Gross exposure ÷ equity.</param>
/// <param name="Drawdown">Fraction below peak equity.</param>
/// <param name="DailyPnl">P&amp;L since the start of the day.</param>
/// <param name="ExposureByAssetClass">Gross exposure per asset class.</param>
/// <param name="Halted">Whether its kill switch (or the global one) is on.</param>
/// <param name="Verdicts">This account's orders checked, by verdict (only the verdicts it has had).</param>
public sealed record AccountRisk(string Account, string BaseCurrency, decimal Equity, decimal GrossExposure, double Leverage, double Drawdown, decimal DailyPnl, IReadOnlyDictionary<string, decimal> ExposureByAssetClass, bool Halted, IReadOnlyDictionary<string, long> Verdicts)
{
    /// <summary>The seed's <c>portfolioRisk</c> (and its detail) from the live positions and covariance; null with a <see cref="RiskNote"/> when it cannot be taken.</summary>
    public Engine.Risk.Analytics.Contract.RiskAnalysisResponse? PortfolioRisk { get; init; }

    /// <summary>Why <see cref="PortfolioRisk"/> is missing.</summary>
    public string? RiskNote { get; init; }

    /// <summary>The seed's <c>assetClassLimits</c>: the configured class limits, as fractions (null = unlimited).</summary>
    public IReadOnlyDictionary<string, RiskAnalysis.AssetClassLimitsInput>? AssetClassLimits { get; init; }

    /// <summary>The seed's <c>crossAssetHedges</c>: the minimum-variance hedge overlay on other instruments (see <see cref="RiskAnalysis.LiveHedges"/>).</summary>
    public RiskAnalysis.CrossAssetHedges? CrossAssetHedges { get; init; }

    /// <summary>Why <see cref="CrossAssetHedges"/> is missing.</summary>
    public string? HedgeNote { get; init; }

    /// <summary>Positions outside the covariance universe, which the measures leave out.</summary>
    public IReadOnlyList<RiskAnalysis.UncoveredPosition>? UncoveredPositions { get; init; }
}
