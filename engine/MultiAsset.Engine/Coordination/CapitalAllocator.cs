using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// Shares each account's capital between its strategies (<c>capitalAllocation</c>). Shares are recomputed when a
/// strategy registers and, for the methods whose inputs move (inverse volatility, performance), when an account's
/// intents have advanced <c>reallocationInterval</c> of engine time since the last time — at a flush, never per intent,
/// and without allocating. Each account keeps its own clock, so one account's traffic never moves another's shares.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Equal</b>: 1/n each.</item>
/// <item><b>FixedWeights</b>: listed strategies get their configured percent; the strategies not listed split what the
/// list leaves (100 % − the listed total, whether or not the listed strategies exist yet) equally. When the list leaves
/// nothing (its total is 100 % or more) and strategies it does not name are deployed in the account, they are never left
/// at 0 %: each unlisted strategy gets an equal share 1/n (n = strategies deployed in the account) and the listed ones
/// that are deployed share the remaining 1 − u/n (u = unlisted) in the ratios of their listed weights.</item>
/// <item><b>InverseVolatility</b>: share ∝ 1/σ, σ = mean volatility of the strategy's instruments (its document's
/// instruments and those it has traded). A strategy whose σ is unknown is given the mean σ of the others; when no σ
/// is known the shares are equal.</item>
/// <item><b>PerformanceWeighted</b>: share = floor + (1 − n·floor) · max(0, r)/Σ max(0, r), r = trailing return;
/// equal shares when no strategy has a positive return. The floor is capped at 1/n.</item>
/// </list>
/// A strategy left with a 0 share (listed at 0 %, or a 0 % performance floor with no positive return) says why through
/// <see cref="StrategyBook.ZeroCapitalReason"/> (the stage's <c>CapitalStatus</c> query).
/// </remarks>
internal sealed class CapitalAllocator
{
    private readonly StrategyTable strategies;
    private readonly CapitalAllocationMethod[] method;
    private readonly CapitalAllocationRule?[] rule;
    private readonly long[] lookback;
    private readonly double[] listedTotal;
    private readonly long[] lastReallocation;
    private readonly long[] latestTime;
    private readonly long interval;
    private readonly IInstrumentVolatility? volatility;
    private readonly IStrategyPerformance? performance;
    private readonly CoordinationCounters counters;

    public CapitalAllocator(
        CoordinationConfig config,
        AccountDirectory accounts,
        StrategyTable strategies,
        IInstrumentVolatility? volatility,
        IStrategyPerformance? performance,
        CoordinationCounters counters)
    {
        this.strategies = strategies;
        this.volatility = volatility;
        this.performance = performance;
        this.counters = counters;
        interval = (long)config.ReallocationInterval.TotalNanoseconds;
        var n = accounts.Count;
        method = new CapitalAllocationMethod[n];
        rule = new CapitalAllocationRule?[n];
        lookback = new long[n];
        listedTotal = new double[n];
        lastReallocation = new long[n];
        latestTime = new long[n];
        Array.Fill(lastReallocation, long.MinValue);
        Array.Fill(latestTime, long.MinValue);
        foreach (var r in config.CapitalAllocation)
        {
            if (!accounts.TryResolve(r.Account, out var id))
            {
                throw new ConfigurationException($"coordination: capitalAllocation: unknown account '{r.Account}' (known: {string.Join(", ", accounts.Names)})");
            }

            if ((r.Method == CapitalAllocationMethod.InverseVolatility && volatility is null)
                || (r.Method == CapitalAllocationMethod.PerformanceWeighted && performance is null))
            {
                throw new ConfigurationException(
                    $"coordination: capitalAllocation: account '{r.Account}' uses {r.Method}, but no {(volatility is null ? "instrument-volatility" : "strategy-performance")} source was given to the coordination stage");
            }

            method[id.Value] = r.Method;
            rule[id.Value] = r;
            lookback[id.Value] = (long)r.Lookback.TotalNanoseconds;
            listedTotal[id.Value] = r.Weights.Values.Sum() / 100.0;
        }
    }

    /// <summary>The method in force for <paramref name="account"/>.</summary>
    public CapitalAllocationMethod MethodOf(AccountId account) => method[account.Value];

    /// <summary>Notes the engine time of an intent of <paramref name="account"/> (per intent: one store).</summary>
    public void Observe(int account, long timestamp)
    {
        if (timestamp > latestTime[account])
        {
            latestTime[account] = timestamp;
        }
    }

    /// <summary>At a flush: recomputes the shares of every account whose inputs move and whose interval has passed.</summary>
    public void OnFlush()
    {
        for (var a = 0; a < method.Length; a++)
        {
            if (method[a] is CapitalAllocationMethod.InverseVolatility or CapitalAllocationMethod.PerformanceWeighted
                && latestTime[a] != long.MinValue
                && (lastReallocation[a] == long.MinValue || latestTime[a] - lastReallocation[a] >= interval))
            {
                Reallocate(a);
            }
        }
    }

    /// <summary>Recomputes the shares of every strategy of <paramref name="account"/>.</summary>
    public void Reallocate(int account)
    {
        var books = strategies.OfAccount(account);
        lastReallocation[account] = latestTime[account];
        counters.Reallocations++;
        var n = books.Count;
        if (n == 0)
        {
            return;
        }

        switch (method[account])
        {
            case CapitalAllocationMethod.FixedWeights:
                FixedWeights(account, books);
                break;
            case CapitalAllocationMethod.InverseVolatility:
                InverseVolatility(account, books);
                break;
            case CapitalAllocationMethod.PerformanceWeighted:
                PerformanceWeighted(account, books);
                break;
            default:
                Equal(books);
                break;
        }
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(lastReallocation).Add(latestTime);
    }

    private static void Equal(List<StrategyBook> books)
    {
        for (var i = 0; i < books.Count; i++)
        {
            books[i].CapitalShare = 1.0 / books.Count;
            books[i].ZeroCapitalReason = null;
        }
    }

    private void FixedWeights(int account, List<StrategyBook> books)
    {
        var weights = rule[account]!.Weights;
        var unlisted = 0;
        double listedDeployed = 0;
        for (var i = 0; i < books.Count; i++)
        {
            if (weights.TryGetValue(books[i].DocumentId, out var percent))
            {
                listedDeployed += percent / 100.0;
            }
            else
            {
                unlisted++;
            }
        }

        var rest = 1 - listedTotal[account];
        var renormalise = unlisted > 0 && rest <= 1e-9;
        var unlistedShare = renormalise ? 1.0 / books.Count : Math.Max(0, rest) / Math.Max(1, unlisted);
        var listedScale = renormalise ? (listedDeployed > 0 ? (1 - (unlisted * unlistedShare)) / listedDeployed : 0) : 1;
        for (var i = 0; i < books.Count; i++)
        {
            var listed = weights.TryGetValue(books[i].DocumentId, out var percent);
            books[i].CapitalShare = listed ? percent / 100.0 * listedScale : unlistedShare;
            books[i].ZeroCapitalReason = books[i].CapitalShare > 0 ? null
                : listed ? $"capitalAllocation of account #{account} (FixedWeights) lists '{books[i].DocumentId}' at 0 %"
                : "capitalAllocation (FixedWeights) leaves nothing for strategies it does not list";
        }
    }

    private void InverseVolatility(int account, List<StrategyBook> books)
    {
        // Two passes: each strategy's mean σ (NaN when unknown) parked in its share, then the unknown ones get the mean.
        double known = 0;
        var knownCount = 0;
        for (var i = 0; i < books.Count; i++)
        {
            var sigma = MeanVolatility(books[i], lookback[account]);
            books[i].CapitalShare = sigma;
            if (!double.IsNaN(sigma))
            {
                known += sigma;
                knownCount++;
            }
        }

        if (knownCount == 0)
        {
            Equal(books);
            return;
        }

        var fallback = known / knownCount;
        double total = 0;
        for (var i = 0; i < books.Count; i++)
        {
            var sigma = double.IsNaN(books[i].CapitalShare) ? fallback : books[i].CapitalShare;
            books[i].CapitalShare = 1.0 / sigma;
            total += books[i].CapitalShare;
        }

        for (var i = 0; i < books.Count; i++)
        {
            books[i].CapitalShare /= total;
            books[i].ZeroCapitalReason = null;
        }
    }

    private double MeanVolatility(StrategyBook book, long window)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < book.SeenCount; i++)
        {
            var sigma = volatility!.Volatility(new InstrumentId(book.SeenList[i]), window);
            if (sigma > 0 && double.IsFinite(sigma))
            {
                sum += sigma;
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private void PerformanceWeighted(int account, List<StrategyBook> books)
    {
        var n = books.Count;
        var floor = Math.Min(rule[account]!.FloorPercent / 100.0, 1.0 / n);
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var r = performance!.TrailingReturn(books[i].Id, lookback[account]);
            var positive = r > 0 && double.IsFinite(r) ? r : 0;
            books[i].CapitalShare = positive;
            total += positive;
        }

        if (total <= 0)
        {
            Equal(books);
            return;
        }

        for (var i = 0; i < n; i++)
        {
            books[i].CapitalShare = floor + ((1 - (n * floor)) * books[i].CapitalShare / total);
            books[i].ZeroCapitalReason = books[i].CapitalShare > 0 ? null : "PerformanceWeighted: no positive trailing return and a 0 % floor";
        }
    }
}
