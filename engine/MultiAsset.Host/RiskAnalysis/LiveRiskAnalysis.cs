using MultiAsset.Engine.Risk.Analytics.Contract;
using MultiAsset.Engine.Risk.Analytics.Measures;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// Turns a risk report with its copied <see cref="RiskInputs"/> into the seed's <c>CrossAssetRiskManager</c> shape,
/// per account and for the firm: <c>portfolioRisk</c> (VaR and its decomposition from live positions and the live
/// EWMA covariance), <c>assetClassLimits</c> and <c>crossAssetHedges</c>. Runs on the control plane's thread, never
/// on the engine's.
/// </summary>
/// <remarks>
/// Only positions in the covariance universe can be measured; the others are listed as <c>uncoveredPositions</c>
/// (their exposure is not in <c>totalVaR</c>). The firm is every account's covered positions added up by instrument
/// in US dollars (each account's base-currency exposure × USD per unit of its base).
/// </remarks>
public static class LiveRiskAnalysis
{
    /// <summary>Adds the measures to every account of <paramref name="report"/> and, when <paramref name="withFirm"/>, the firm view.</summary>
    public static RiskReport Enrich(RiskReport report, LiveRiskParameters parameters, bool withFirm)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(parameters);
        if (report.Inputs is not { } inputs)
        {
            return report;
        }

        var options = parameters.Options(inputs.IntervalSeconds);
        var byName = inputs.Accounts.ToDictionary(a => a.Account, StringComparer.Ordinal);
        var accounts = report.Accounts.Select(a => byName.TryGetValue(a.Account, out var held) ? Account(a, held, inputs, options, parameters.Hedges) : a).ToList();
        var model = new RiskModelInfo(
            LiveMethodName(parameters.Method), parameters.Confidence, parameters.Horizon.TotalSeconds, options.Horizon, inputs.IntervalSeconds,
            inputs.Lambda, inputs.CovarianceUpdates, inputs.AsOfNanoseconds == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(inputs.AsOfNanoseconds / 100));
        return report with
        {
            Accounts = accounts,
            RiskModel = model,
            Firm = withFirm ? Firm(inputs, options) : null,
        };
    }

    private static AccountRisk Account(AccountRisk risk, AccountRiskInputs held, RiskInputs inputs, RiskMeasureOptions options, IReadOnlyList<string>? hedgeCandidates)
    {
        var (hedges, hedgeNote) = LiveHedges.Suggest(held, inputs, hedgeCandidates);
        var (measured, note) = MeasureAccount(held, inputs, options);
        return risk with
        {
            PortfolioRisk = measured,
            RiskNote = note,
            AssetClassLimits = held.Limits.AssetClasses,
            CrossAssetHedges = hedges,
            HedgeNote = hedgeNote,
            UncoveredPositions = [.. held.Positions.Where(p => !p.InUniverse && p.Exposure != 0).Select(p => new UncoveredPosition(p.Symbol, p.AssetClass, p.Exposure))],
        };
    }

    /// <summary>The measures of one account's positions in the covariance universe (null with a note when they cannot be taken).</summary>
    internal static (RiskAnalysisResponse? Risk, string? Note) MeasureAccount(AccountRiskInputs held, RiskInputs inputs, RiskMeasureOptions options)
    {
        var positions = held.Positions.Where(p => p.InUniverse && p.Exposure != 0).Select(p => new RiskPosition(p.Symbol, p.AssetClass, p.Currency, (double)p.Exposure)).ToList();
        return Measure(positions, inputs, options);
    }

    private static FirmRisk Firm(RiskInputs inputs, RiskMeasureOptions options)
    {
        var usd = new Dictionary<string, (RiskPositionKey Key, double Exposure)>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var account in inputs.Accounts)
        {
            if (account.UsdPerBase is not { } rate)
            {
                skipped.Add(account.Account);
                continue;
            }

            foreach (var p in account.Positions.Where(p => p.InUniverse && p.Exposure != 0))
            {
                var add = (double)(p.Exposure * rate);
                usd[p.Symbol] = usd.TryGetValue(p.Symbol, out var sum) ? (sum.Key, sum.Exposure + add) : (new RiskPositionKey(p.AssetClass, p.Currency), add);
            }
        }

        var positions = usd.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new RiskPosition(p.Key, p.Value.Key.AssetClass, p.Value.Key.Currency, p.Value.Exposure)).ToList();
        var (measured, note) = Measure(positions, inputs, options);
        return new FirmRisk("USD", measured, note, skipped);
    }

    private static (RiskAnalysisResponse? Risk, string? Note) Measure(List<RiskPosition> positions, RiskInputs inputs, RiskMeasureOptions options)
    {
        if (positions.Count == 0)
        {
            return (null, "no open positions in the covariance universe");
        }

        if (inputs.CovarianceUpdates < 2)
        {
            return (null, $"the live covariance has {inputs.CovarianceUpdates} intervals so far; VaR needs at least 2");
        }

        var n = positions.Count;
        var covariance = inputs.SubMatrix(inputs.Covariance, [.. positions.Select(p => p.Symbol)]);

        try
        {
            var result = PortfolioRiskAnalyzer.Analyze(new RiskMeasureInput { Positions = positions, Covariance = new RiskMatrix(n, n, covariance) }, options);
            return (RiskAnalysisContract.ToResponse(result, options), null);
        }
        catch (RiskMeasureInputException e)
        {
            return (null, $"the measures could not be computed: {e.Message}");
        }
    }

    private static string LiveMethodName(VaRMethod method) => RiskAnalysisContract.MethodName(method);

    private readonly record struct RiskPositionKey(string AssetClass, string Currency);
}

/// <summary>How the live measures were taken (echoed with every report).</summary>
/// <param name="Method">parametric | monteCarlo.</param>
/// <param name="Confidence">Confidence c.</param>
/// <param name="HorizonSeconds">Horizon in seconds of event time.</param>
/// <param name="HorizonPeriods">Horizon in covariance intervals (the √ scaling factor's argument).</param>
/// <param name="IntervalSeconds">The covariance's interval.</param>
/// <param name="Lambda">The covariance's EWMA decay.</param>
/// <param name="CovarianceIntervals">Intervals folded into the covariance so far (few = an estimate still warming up).</param>
/// <param name="AsOf">Event time of the positions and covariance.</param>
public sealed record RiskModelInfo(string Method, double Confidence, double HorizonSeconds, double HorizonPeriods, double IntervalSeconds, double Lambda, long CovarianceIntervals, DateTimeOffset? AsOf);

/// <summary>The firm: every account's measurable positions added up, in US dollars.</summary>
/// <param name="Currency">USD.</param>
/// <param name="PortfolioRisk">The measures (null with a <paramref name="Note"/> when they cannot be taken).</param>
/// <param name="Note">Why there are no measures.</param>
/// <param name="AccountsWithoutRate">Accounts left out for want of a USD rate for their base currency.</param>
public sealed record FirmRisk(string Currency, RiskAnalysisResponse? PortfolioRisk, string? Note, IReadOnlyList<string> AccountsWithoutRate);

/// <summary>A position VaR cannot measure (its instrument is outside the covariance universe).</summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="AssetClass">Its class.</param>
/// <param name="Exposure">Signed exposure in the account's base currency.</param>
public sealed record UncoveredPosition(string Symbol, string AssetClass, decimal Exposure);
