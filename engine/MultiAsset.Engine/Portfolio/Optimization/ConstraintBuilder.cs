using System.Globalization;
using MultiAsset.Engine.Portfolio.Optimization.Qp;

namespace MultiAsset.Engine.Portfolio.Optimization;

/// <summary>
/// The constraints of a portfolio as QP input over the n weights: named linear rows, plus the turnover limit
/// <c>Σ|w − w₀| ≤ T</c> as an L1 ball (no split variables: the solver projects onto the ball).
/// </summary>
public sealed class LinearConstraintSet
{
    internal LinearConstraintSet(int assetCount, IReadOnlyList<LinearRow> rows, L1BallConstraint? turnover)
    {
        AssetCount = assetCount;
        Rows = rows;
        Turnover = turnover;
    }

    /// <summary>Name of the turnover constraint in errors.</summary>
    public const string TurnoverName = "maxTurnover";

    /// <summary>Number of assets n (the weight variables 0..n−1).</summary>
    public int AssetCount { get; }

    /// <summary>Rows (budget, bounds, sector/country/class limits), all over the n weights.</summary>
    public IReadOnlyList<LinearRow> Rows { get; }

    /// <summary>The turnover limit <c>‖w − currentWeights‖₁ ≤ maxTurnover</c> named <see cref="TurnoverName"/>, or
    /// null without one.</summary>
    public L1BallConstraint? Turnover { get; }

    /// <summary>
    /// Cost put on Σt in the split formulation of the turnover limit (t ≥ |w − w₀|, used only where the ball cannot
    /// be: the homogenised MaxSharpe model) so that t settles at |w − w₀| (otherwise t is not unique when the limit
    /// is slack). It perturbs the objective by at most this × turnover; 1e-9 is far below any reported precision.
    /// </summary>
    public const double TurnoverTieBreakCost = 1e-9;
}

/// <summary>
/// Turns <see cref="PortfolioConstraints"/> into QP rows, after cheap pre-checks that report obvious conflicts by
/// name (sum of class minimums above the budget, caps that cannot reach the budget, ...). Budget is Σw = 1.
/// </summary>
public static class ConstraintBuilder
{
    /// <summary>The budget every portfolio must meet (Σw).</summary>
    public const double Budget = 1.0;

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// Validates, pre-checks and builds the rows. <paramref name="info"/> is per asset (null entries when
    /// unknown); it is needed only by sector/country/class constraints.
    /// </summary>
    /// <exception cref="OptimizationInputException">bad values or missing asset info (names the field/asset)</exception>
    /// <exception cref="OptimizationInfeasibleException">an obvious conflict (names the constraints)</exception>
    public static LinearConstraintSet Build(IReadOnlyList<string> assets, PortfolioConstraints constraints, IReadOnlyList<AssetInfo?> info)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(info);
        int n = assets.Count;
        var c = constraints;
        Validate(c, n);
        PreCheck(assets, c, info);

        var rows = new List<LinearRow>();
        int[] all = Enumerable.Range(0, n).ToArray();
        if (c.Budget)
        {
            rows.Add(new LinearRow("budget", all, Ones(n), Budget, Budget));
        }

        for (int i = 0; i < n; i++)
        {
            if (c.LongOnly)
            {
                rows.Add(new LinearRow($"longOnly[{assets[i]}]", [i], [1.0], 0, double.PositiveInfinity));
            }
            else if (c.MaxShortWeight is double ms)
            {
                rows.Add(new LinearRow($"maxShortWeight[{assets[i]}]", [i], [1.0], -ms, double.PositiveInfinity));
            }

            if (c.MaxAssetWeight is double cap)
            {
                rows.Add(new LinearRow($"maxAssetWeight[{assets[i]}]", [i], [1.0], double.NegativeInfinity, cap));
            }
        }

        if (c.MaxSectorWeight is double sectorCap)
        {
            foreach (var (sector, members) in Group(assets, info, a => a.Sector))
            {
                rows.Add(new LinearRow($"maxSectorWeight[{sector}]", members, Ones(members.Length), double.NegativeInfinity, sectorCap));
            }
        }

        if (c.MaxCountryWeight is double countryCap)
        {
            foreach (var (country, members) in Group(assets, info, a => a.Country))
            {
                rows.Add(new LinearRow($"maxCountryWeight[{country}]", members, Ones(members.Length), double.NegativeInfinity, countryCap));
            }
        }

        if (c.AssetClassBounds is not null)
        {
            var groups = Group(assets, info, a => a.AssetClass).ToDictionary(g => g.Key, g => g.Members, StringComparer.OrdinalIgnoreCase);
            foreach (var (cls, band) in c.AssetClassBounds)
            {
                int[] members = groups.TryGetValue(cls, out var mm) ? mm : [];
                if (members.Length == 0)
                {
                    continue; // a positive min on an empty class was rejected by the pre-check
                }

                if (band.Min is double min)
                {
                    rows.Add(new LinearRow($"assetClassBounds.{cls}.min", members, Ones(members.Length), min, double.PositiveInfinity));
                }

                if (band.Max is double max)
                {
                    rows.Add(new LinearRow($"assetClassBounds.{cls}.max", members, Ones(members.Length), double.NegativeInfinity, max));
                }
            }
        }

        var turnover = c.MaxTurnover is double limit ? new L1BallConstraint(LinearConstraintSet.TurnoverName, c.CurrentWeights!, limit) : null;
        return new LinearConstraintSet(n, rows, turnover);
    }

    private static double[] Ones(int n)
    {
        var o = new double[n];
        Array.Fill(o, 1.0);
        return o;
    }

    private static List<(string Key, int[] Members)> Group(IReadOnlyList<string> assets, IReadOnlyList<AssetInfo?> info, Func<AssetInfo, string?> key)
    {
        var order = new List<string>();
        var map = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < assets.Count; i++)
        {
            string? k = info[i] is { } a ? key(a) : null;
            if (k is null)
            {
                continue;
            }

            if (!map.TryGetValue(k, out var list))
            {
                list = [];
                map[k] = list;
                order.Add(k);
            }

            list.Add(i);
        }

        return order.Select(k => (k, map[k].ToArray())).ToList();
    }

    private static void Validate(PortfolioConstraints c, int n)
    {
        static void NonNegative(double? v, string field)
        {
            if (v is double d && (double.IsNaN(d) || double.IsInfinity(d) || d < 0))
            {
                throw new OptimizationInputException(field, $"{field} must be a finite number ≥ 0 (got {F(d)})");
            }
        }

        NonNegative(c.MaxAssetWeight, "constraints.maxAssetWeight");
        NonNegative(c.MaxShortWeight, "constraints.maxShortWeight");
        NonNegative(c.MaxSectorWeight, "constraints.maxSectorWeight");
        NonNegative(c.MaxCountryWeight, "constraints.maxCountryWeight");
        NonNegative(c.MaxTurnover, "constraints.maxTurnover");
        if (c.MinDiversification is double md && (double.IsNaN(md) || md <= 0 || double.IsInfinity(md)))
        {
            throw new OptimizationInputException("constraints.minDiversification", $"constraints.minDiversification must be a finite number > 0 (got {F(md)})");
        }

        if (c.MaxTurnover is not null)
        {
            if (c.CurrentWeights is null)
            {
                throw new OptimizationInputException("constraints.currentWeights", "constraints.currentWeights is required when constraints.maxTurnover is set");
            }
        }

        if (c.CurrentWeights is { } cw)
        {
            if (cw.Count != n)
            {
                throw new OptimizationInputException("constraints.currentWeights", $"constraints.currentWeights must have {n} entries (assets has {n}) but has {cw.Count}");
            }

            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(cw[i]) || double.IsInfinity(cw[i]))
                {
                    throw new OptimizationInputException("constraints.currentWeights", $"constraints.currentWeights[{i}] is not a finite number");
                }
            }
        }

        if (c.AssetClassBounds is { } bounds)
        {
            foreach (var (cls, band) in bounds)
            {
                if (band is null)
                {
                    throw new OptimizationInputException($"constraints.assetClassBounds.{cls}", $"constraints.assetClassBounds.{cls} is null");
                }

                foreach (var (v, side) in new[] { (band.Min, "min"), (band.Max, "max") })
                {
                    if (v is double d && (double.IsNaN(d) || double.IsInfinity(d)))
                    {
                        throw new OptimizationInputException($"constraints.assetClassBounds.{cls}.{side}", $"constraints.assetClassBounds.{cls}.{side} is not a finite number");
                    }
                }
            }
        }
    }

    private static void PreCheck(IReadOnlyList<string> assets, PortfolioConstraints c, IReadOnlyList<AssetInfo?> info)
    {
        int n = assets.Count;
        const double tol = 1e-12;
        if (!c.Budget)
        {
            // The checks below compare against the budget; without one only the solver can tell.
            RequireInfo(assets, info, c.MaxSectorWeight is not null, a => a.Sector, "sector", "constraints.maxSectorWeight");
            RequireInfo(assets, info, c.MaxCountryWeight is not null, a => a.Country, "country", "constraints.maxCountryWeight");
            RequireInfo(assets, info, c.AssetClassBounds is { Count: > 0 }, a => a.AssetClass, "assetClass", "constraints.assetClassBounds");
            return;
        }

        if (c.MinDiversification is double md && md > n + 1e-9)
        {
            throw new OptimizationInfeasibleException($"minDiversification {F(md)} exceeds the number of assets {n}", ["minDiversification"]);
        }

        if (c.MaxAssetWeight is double cap && (cap * n) < Budget - tol)
        {
            throw new OptimizationInfeasibleException($"maxAssetWeight {F(cap)} × {n} assets = {F(cap * n)} is below budget {F(Budget)}", ["maxAssetWeight", "budget"]);
        }

        RequireInfo(assets, info, c.MaxSectorWeight is not null, a => a.Sector, "sector", "constraints.maxSectorWeight");
        RequireInfo(assets, info, c.MaxCountryWeight is not null, a => a.Country, "country", "constraints.maxCountryWeight");
        RequireInfo(assets, info, c.AssetClassBounds is { Count: > 0 }, a => a.AssetClass, "assetClass", "constraints.assetClassBounds");

        if (c.MaxSectorWeight is double sc)
        {
            int groups = Group(assets, info, a => a.Sector).Count;
            if (sc * groups < Budget - tol)
            {
                throw new OptimizationInfeasibleException($"maxSectorWeight {F(sc)} × {groups} sectors = {F(sc * groups)} is below budget {F(Budget)}", ["maxSectorWeight", "budget"]);
            }
        }

        if (c.MaxCountryWeight is double cc)
        {
            int groups = Group(assets, info, a => a.Country).Count;
            if (cc * groups < Budget - tol)
            {
                throw new OptimizationInfeasibleException($"maxCountryWeight {F(cc)} × {groups} countries = {F(cc * groups)} is below budget {F(Budget)}", ["maxCountryWeight", "budget"]);
            }
        }

        if (c.AssetClassBounds is { Count: > 0 } bounds)
        {
            var groups = Group(assets, info, a => a.AssetClass).ToDictionary(g => g.Key, g => g.Members.Length, StringComparer.OrdinalIgnoreCase);
            foreach (var (cls, band) in bounds)
            {
                int count = groups.GetValueOrDefault(cls);
                if (band.Min is double mn && band.Max is double mx && mn > mx + tol)
                {
                    throw new OptimizationInfeasibleException($"assetClassBounds.{cls}.min {F(mn)} exceeds assetClassBounds.{cls}.max {F(mx)}", [$"assetClassBounds.{cls}.min", $"assetClassBounds.{cls}.max"]);
                }

                if (band.Min is double mn2 && mn2 > tol && count == 0)
                {
                    throw new OptimizationInfeasibleException($"assetClassBounds.{cls}.min {F(mn2)} but no asset has assetClass {cls}", [$"assetClassBounds.{cls}.min"]);
                }

                if (band.Min is double mn3 && c.MaxAssetWeight is double capA && mn3 > (capA * count) + tol)
                {
                    throw new OptimizationInfeasibleException($"assetClassBounds.{cls}.min {F(mn3)} exceeds maxAssetWeight {F(capA)} × {count} {cls} assets = {F(capA * count)}", [$"assetClassBounds.{cls}.min", "maxAssetWeight"]);
                }

                if (c.LongOnly && band.Max is double mx2 && mx2 < -tol && count > 0)
                {
                    throw new OptimizationInfeasibleException($"assetClassBounds.{cls}.max {F(mx2)} is negative under longOnly", [$"assetClassBounds.{cls}.max", "longOnly"]);
                }
            }

            var boundKeys = new HashSet<string>(bounds.Keys, StringComparer.OrdinalIgnoreCase);
            bool everyAssetBounded = Enumerable.Range(0, n).All(i => info[i]?.AssetClass is { } k && boundKeys.Contains(k));
            var present = bounds.Where(kv => groups.ContainsKey(kv.Key)).ToList();
            var mins = present.Where(kv => kv.Value.Min is > 0).ToList();
            double minSum = mins.Sum(kv => kv.Value.Min!.Value);
            if ((c.LongOnly || everyAssetBounded) && minSum > Budget + tol)
            {
                string terms = string.Join(" + ", mins.Select(kv => $"assetClassBounds.{kv.Key}.min {F(kv.Value.Min!.Value)}"));
                throw new OptimizationInfeasibleException($"{terms} exceed budget {F(Budget)}", mins.Select(kv => $"assetClassBounds.{kv.Key}.min").Append("budget").ToList());
            }

            if (everyAssetBounded && present.All(kv => kv.Value.Max is not null))
            {
                double maxSum = present.Sum(kv => kv.Value.Max!.Value);
                if (maxSum < Budget - tol)
                {
                    string terms = string.Join(" + ", present.Select(kv => $"assetClassBounds.{kv.Key}.max {F(kv.Value.Max!.Value)}"));
                    throw new OptimizationInfeasibleException($"{terms} is below budget {F(Budget)}", present.Select(kv => $"assetClassBounds.{kv.Key}.max").Append("budget").ToList());
                }
            }
        }

        if (c.LongOnly && c.CurrentWeights is { } w0 && c.MaxTurnover is double t)
        {
            // Under long-only, reaching any portfolio from w0 needs at least the turnover that removes its shorts
            // and fixes its budget; the solver reports anything subtler.
            double neg = w0.Where(v => v < 0).Sum(v => -v);
            double budgetGap = Math.Abs(w0.Sum() - Budget);
            double need = Math.Max(2 * neg, budgetGap);
            if (need > t + 1e-9)
            {
                throw new OptimizationInfeasibleException($"maxTurnover {F(t)} is below the minimum turnover {F(need)} needed to move currentWeights to a long-only portfolio that meets budget {F(Budget)}", ["maxTurnover", "longOnly", "budget"]);
            }
        }
    }

    private static void RequireInfo(IReadOnlyList<string> assets, IReadOnlyList<AssetInfo?> info, bool needed, Func<AssetInfo, string?> key, string what, string constraint)
    {
        if (!needed)
        {
            return;
        }

        for (int i = 0; i < assets.Count; i++)
        {
            if (info[i] is not { } a || string.IsNullOrWhiteSpace(key(a)))
            {
                throw new OptimizationInputException($"assetInfo.{assets[i]}", $"asset '{assets[i]}' has no {what}: {constraint} needs assetInfo.{assets[i]}.{what} (or an instrument catalogue entry for it)");
            }
        }
    }
}
