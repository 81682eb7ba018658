namespace MultiAsset.Engine.Risk.Analytics.Measures;

/// <summary>Computes <see cref="ConcentrationRisk"/> (definitions on <see cref="ConcentrationBreakdown"/>).</summary>
public static class ConcentrationMeasures
{
    /// <summary>Concentration by instrument, asset class and currency, listing the <paramref name="topN"/> largest shares.</summary>
    public static ConcentrationRisk Compute(IReadOnlyList<RiskPosition> positions, int topN)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfLessThan(topN, 1);
        double gross = 0;
        foreach (var p in positions)
        {
            gross += Math.Abs(p.Exposure);
        }

        return new ConcentrationRisk
        {
            GrossExposure = gross,
            TopN = topN,
            ByInstrument = Breakdown(positions, p => p.Symbol, gross, topN),
            ByAssetClass = Breakdown(positions, p => p.AssetClass, gross, topN),
            ByCurrency = Breakdown(positions, p => p.Currency, gross, topN),
        };
    }

    private static ConcentrationBreakdown Breakdown(IReadOnlyList<RiskPosition> positions, Func<RiskPosition, string> key, double gross, int topN)
    {
        if (!(gross > 0))
        {
            return new ConcentrationBreakdown { Hhi = 0, EffectiveNumber = 0, Top = [], TopShare = 0 };
        }

        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in positions)
        {
            sums[key(p)] = sums.GetValueOrDefault(key(p)) + Math.Abs(p.Exposure);
        }

        double hhi = 0;
        var shares = new List<ExposureShare>(sums.Count);
        foreach (var (name, sum) in sums)
        {
            double share = sum / gross;
            hhi += share * share;
            shares.Add(new ExposureShare(name, share));
        }

        shares.Sort((x, y) => y.Share != x.Share ? y.Share.CompareTo(x.Share) : string.CompareOrdinal(x.Name, y.Name));
        var top = shares.Take(topN).ToArray();
        return new ConcentrationBreakdown
        {
            Hhi = hhi,
            EffectiveNumber = hhi > 0 ? 1 / hhi : 0,
            Top = top,
            TopShare = top.Sum(s => s.Share),
        };
    }
}
