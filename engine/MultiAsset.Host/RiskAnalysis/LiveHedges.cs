using MultiAsset.Engine.Risk.Analytics.Hedging;

namespace MultiAsset.Host.RiskAnalysis;

/// <summary>
/// The seed's <c>crossAssetHedges</c> for an account: the notionals on candidate hedge instruments that minimise the
/// variance of the account's live positions under the live EWMA covariance (<see cref="MinimumVarianceHedger"/>, the
/// project's QP), each with its minimum-variance beta (Σ_ah/Σ_hh against the account's book), correlation and the
/// variance reduction (effectiveness) of the whole overlay.
/// </summary>
/// <remarks>
/// Candidates: the instruments the caller names (<c>hedges=</c>), else <see cref="DefaultCandidates"/> — liquid
/// instruments of each class — in the covariance universe; instruments the account already holds are left out, so a
/// suggestion is an overlay in other instruments (closing a position is always the trivial hedge). Quantities are
/// rounded to the instrument's lot at its last mark; variances are per covariance interval, in the base currency².
/// </remarks>
public static class LiveHedges
{
    /// <summary>The hedge instruments tried when the caller names none.</summary>
    public static readonly IReadOnlyList<string> DefaultCandidates = ["SPY", "QQQ", "TLT", "GLD", "EURUSD", "USDJPY", "BTCUSD"];

    /// <summary>The suggestion for one account (null with a reason when there is nothing to hedge or hedge with).</summary>
    public static (CrossAssetHedges? Hedges, string? Note) Suggest(AccountRiskInputs account, RiskInputs inputs, IReadOnlyList<string>? candidates)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(inputs);
        var held = account.Positions.Where(p => p.InUniverse && p.Exposure != 0).ToList();
        if (held.Count == 0)
        {
            return (null, "no open positions in the covariance universe");
        }

        var heldSymbols = held.Select(p => p.Symbol).ToHashSet(StringComparer.Ordinal);
        var hedges = (candidates ?? DefaultCandidates).Where(s => inputs.Slots.ContainsKey(s) && !heldSymbols.Contains(s)).Distinct(StringComparer.Ordinal)
            .Where(s => inputs.Variance(s) > 0).ToList();
        if (hedges.Count == 0)
        {
            return (null, "no hedge candidate with a positive variance outside the account's own holdings");
        }

        var symbols = held.Select(p => p.Symbol).Concat(hedges).ToList();
        var covariance = inputs.SubMatrix(inputs.Covariance, symbols);
        var exposures = held.Select(p => (double)p.Exposure).Concat(hedges.Select(_ => 0.0)).ToList();
        var problem = new HedgeProblem
        {
            Symbols = symbols,
            Exposures = exposures,
            Covariance = covariance,
            Candidates = [.. hedges.Select(s => Candidate(s, inputs.Universe[inputs.Slots[s]], account))],
        };
        try
        {
            var suggestion = MinimumVarianceHedger.Suggest(problem);
            return (new CrossAssetHedges(suggestion.Hedges, suggestion.VarianceBefore, suggestion.VarianceAfter, suggestion.Effectiveness, suggestion.SolverStatus), null);
        }
        catch (ArgumentException e)
        {
            return (null, $"no hedge suggestion: {e.Message}");
        }
    }

    private static HedgeCandidate Candidate(string symbol, RiskUniverseInstrument instrument, AccountRiskInputs account)
        => new()
        {
            Symbol = symbol,
            Price = instrument.Mark,
            LotSize = instrument.LotSize,
            QuoteToBaseRate = account.BasePerUnit is { } rates && rates.TryGetValue(instrument.Currency, out var rate) ? rate : 1m,
        };
}

/// <summary>The seed's <c>crossAssetHedges</c> with the overlay's totals.</summary>
/// <param name="Hedges">One <c>HedgingStrategy</c> per hedge instrument.</param>
/// <param name="VarianceBefore">Variance of the account's P&amp;L per covariance interval without the overlay.</param>
/// <param name="VarianceAfter">With every suggested hedge.</param>
/// <param name="Effectiveness">1 − after ÷ before (the variance reduction).</param>
/// <param name="SolverStatus">The QP's status.</param>
public sealed record CrossAssetHedges(IReadOnlyList<HedgingStrategy> Hedges, double VarianceBefore, double VarianceAfter, double Effectiveness, string SolverStatus);
