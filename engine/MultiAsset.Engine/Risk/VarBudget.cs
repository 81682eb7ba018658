using System.Runtime.CompilerServices;
using MultiAsset.Engine.MarketData.Analytics;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The pre-trade VaR limit (risk.json <c>varLimit</c>): per account with a budget, delta-normal VaR estimates refreshed off
/// the per-order path from the live EWMA covariance, and the O(1) per-order check against them. Owned by the gate (state
/// of the risk stage, single writer); preallocated; nothing here allocates after construction.
/// </summary>
/// <remarks>
/// <para><b>Estimates</b> (<see cref="Refresh{TView}"/>), per budgeted account, over the covariance universe (n
/// instruments, Σ the EWMA covariance of per-interval log returns):</para>
/// <list type="bullet">
/// <item>exposure e_i = filled position × mark × FX-to-base (signed, base currency);</item>
/// <item>σ_p = √(eᵀΣe), the standard deviation of one interval's P&amp;L; a = z × √(horizon ÷ interval);</item>
/// <item>VaR = a × σ_p; marginal VaR_i = ∂VaR/∂e_i = a × (Σe)_i ÷ σ_p — when σ_p = 0 (flat, or perfectly hedged), the
/// standalone a × √Σ_ii × sign(Δe) instead, so the first trade from flat is charged its own VaR;</item>
/// <item>working VaR: Σ_i max(0, incremental of all working buys, incremental of all working sells), so orders accepted
/// before the refresh but not yet filled still count (worst side per instrument, first order).</item>
/// </list>
/// <para><b>Check</b> (<see cref="Allows"/>), per order: Δe = ±notional in base (+ buy, − sell; the gate's notional: the
/// higher of the mid and the order's price, rounded up); incremental = marginal_i × Δe (or a × √Σ_ii × |Δe| when
/// σ_p = 0). Refused when incremental &gt; 0 and VaR + working VaR + incremental &gt; budget. An accepted order's positive
/// incremental is added to the working VaR until the next refresh recomputes it from positions and working orders.</para>
/// <para><b>Coverage</b> (the safe choice): an instrument is covered when it is in the covariance universe and its
/// variance is positive at the last refresh. An account whose estimate is not usable — before the covariance has
/// <see cref="MinimumObservations"/> observations, or while it holds a position that is not covered or cannot be valued
/// (no mark or FX rate) — and any order in an instrument that is not covered are refused (<c>VarLimit</c>) unless the
/// order only reduces a position: a budget means no risk the engine cannot estimate.</para>
/// <para><b>Refresh rule</b> (<see cref="OnTime{TView}"/>, on the risk stage's heartbeat, in event time so a replay
/// refreshes at the same events): when event time reaches the next whole second, or the covariance has folded in a new
/// observation. Cost O(accounts × (n² + instruments)), at most about once a second.</para>
/// </remarks>
public sealed class VarBudget
{
    /// <summary>How often (event time) the estimates are refreshed at most, besides on each covariance observation.</summary>
    public const long RefreshIntervalNanoseconds = 1_000_000_000;

    // Configuration (built once).
    private readonly int n;
    private readonly int[] universe;
    private readonly int[] slotOf;
    private readonly int[] budgetSlotOf;
    private readonly int[] accountOf;
    private readonly double[] scale;
    private readonly double[] budget;
    private readonly long minimumObservations;

    // Scratch of a refresh (overwritten in full by each).
    private readonly double[] covariance;
    private readonly double[] exposure;
    private readonly double[] product;

    // Estimates: state (changes verdicts), in the digest.
    private readonly double[] deviation;
    private readonly double[] valueAtRisk;
    private readonly double[] portfolioDeviation;
    private readonly double[] marginal;
    private readonly double[] working;
    private readonly VarStatus[] status;
    private long nextRefresh;
    private long lastObservations = -1;

    /// <summary>Creates the estimates of every account of <paramref name="config"/> that has a budget.</summary>
    /// <param name="config">The limits (the accounts' <see cref="AccountRiskLimits.Var"/>).</param>
    /// <param name="universe">The covariance universe: instrument ids in the covariance matrix's row order.</param>
    /// <param name="covarianceIntervalNanoseconds">The covariance's observation interval (horizon scaling).</param>
    /// <param name="minimumObservations">Observations the covariance needs before an estimate is used (warm-up).</param>
    public VarBudget(RiskConfig config, IReadOnlyList<int> universe, long covarianceIntervalNanoseconds, long minimumObservations)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(universe);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(covarianceIntervalNanoseconds, 0);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumObservations);
        this.universe = [.. universe];
        n = this.universe.Length;
        slotOf = new int[config.InstrumentCount];
        slotOf.AsSpan().Fill(-1);
        for (var i = 0; i < n; i++)
        {
            if ((uint)this.universe[i] >= (uint)slotOf.Length)
            {
                throw new ArgumentException($"Instrument #{this.universe[i]} of the covariance universe is not in the catalogue.", nameof(universe));
            }

            slotOf[this.universe[i]] = i;
        }

        budgetSlotOf = new int[config.AccountCount];
        var accounts = new List<int>();
        for (var a = 0; a < config.AccountCount; a++)
        {
            budgetSlotOf[a] = config.AccountTable[a].Var.IsSet ? accounts.Count : -1;
            if (config.AccountTable[a].Var.IsSet)
            {
                accounts.Add(a);
            }
        }

        accountOf = [.. accounts];
        int count = accountOf.Length;
        scale = new double[count];
        budget = new double[count];
        for (var k = 0; k < count; k++)
        {
            var limit = config.AccountTable[accountOf[k]].Var;
            scale[k] = limit.Scale(covarianceIntervalNanoseconds);
            budget[k] = limit.Budget.ToDouble();
        }

        CovarianceIntervalNanoseconds = covarianceIntervalNanoseconds;
        this.minimumObservations = minimumObservations;
        covariance = new double[n * n];
        exposure = new double[n];
        product = new double[n];
        deviation = new double[n];
        valueAtRisk = new double[count];
        portfolioDeviation = new double[count];
        marginal = new double[count * n];
        working = new double[count];
        status = new VarStatus[count];
    }

    /// <summary>The covariance universe (instrument ids, matrix order).</summary>
    public IReadOnlyList<int> Universe => universe;

    /// <summary>The covariance's observation interval the horizon is scaled from.</summary>
    public long CovarianceIntervalNanoseconds { get; }

    /// <summary>Observations the covariance needs before its estimates are used.</summary>
    public long MinimumObservations => minimumObservations;

    /// <summary>Refreshes so far.</summary>
    public long Refreshes { get; private set; }

    /// <summary>Event time of the last refresh (0 before the first).</summary>
    public long LastRefresh { get; private set; }

    /// <summary>Whether <paramref name="account"/> has a VaR budget.</summary>
    public bool HasBudget(AccountId account) => (uint)account.Value < (uint)budgetSlotOf.Length && budgetSlotOf[account.Value] >= 0;

    /// <summary>The account's estimates at the last refresh plus what accepted orders added since (base currency).</summary>
    /// <exception cref="ArgumentException">The account has no budget.</exception>
    public VarEstimate Estimate(AccountId account)
    {
        int k = SlotOf(account);
        return new VarEstimate(status[k], budget[k], valueAtRisk[k], working[k], portfolioDeviation[k], scale[k]);
    }

    /// <summary>
    /// ∂VaR/∂e of <paramref name="instrument"/> for the account (VaR per unit of base-currency exposure added, at the
    /// last refresh); NaN when the instrument is not covered, and the standalone a × √Σ_ii (for a buy) when σ_p = 0.
    /// </summary>
    public double Marginal(AccountId account, InstrumentId instrument)
    {
        int k = SlotOf(account);
        int slot = (uint)instrument.Value < (uint)slotOf.Length ? slotOf[instrument.Value] : -1;
        if (slot < 0 || !(deviation[slot] > 0))
        {
            return double.NaN;
        }

        return portfolioDeviation[k] > 0 ? marginal[(k * n) + slot] : scale[k] * deviation[slot];
    }

    /// <summary>
    /// The per-order check, for an order that does not only reduce a position: whether the account's VaR after it stays
    /// within budget (see the remarks). <paramref name="increment"/> is the order's incremental VaR (base currency; 0
    /// for an account without a budget, +∞ when refused for lack of an estimate). Allocation-free, no exceptions.
    /// </summary>
    /// <param name="account">Account id (checked by the gate).</param>
    /// <param name="instrument">Instrument id (checked by the gate).</param>
    /// <param name="buy">The order's side.</param>
    /// <param name="notionalRaw">The order's notional in the account's base currency, raw fixed point (≥ 0).</param>
    /// <param name="increment">The order's incremental VaR.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allows(int account, int instrument, bool buy, long notionalRaw, out double increment)
    {
        int k = budgetSlotOf[account];
        if (k < 0)
        {
            increment = 0;
            return true;
        }

        return AllowsBudgeted(k, instrument, buy, notionalRaw, out increment);
    }

    /// <summary>Books an accepted order's incremental VaR (from <see cref="Allows"/>) until the next refresh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Commit(int account, double increment)
    {
        if (increment > 0)
        {
            working[budgetSlotOf[account]] += increment;
        }
    }

    /// <summary>
    /// The refresh rule, called with each heartbeat's event time: refreshes (reading the covariance in place) when
    /// <paramref name="now"/> reaches the next whole second or <paramref name="matrix"/> has a new observation. Returns
    /// whether it refreshed.
    /// </summary>
    public bool OnTime<TView>(long now, EwmaCovarianceMatrix matrix, in TView view)
        where TView : IRiskAccountView
    {
        ArgumentNullException.ThrowIfNull(matrix);
        long observations = matrix.Updates;
        if (now < nextRefresh && observations == lastObservations)
        {
            return false;
        }

        matrix.CopyTo(covariance);
        Estimate(now, observations, in view);
        return true;
    }

    /// <summary>
    /// Recomputes every budgeted account's estimates from <paramref name="sigma"/> (the n × n covariance of per-interval
    /// log returns, row-major in <see cref="Universe"/> order) with <paramref name="observations"/> observations behind
    /// it, and the positions, working orders, marks and FX rates of <paramref name="view"/>, at event time
    /// <paramref name="now"/>. What <see cref="OnTime{TView}"/> does with the live matrix; tests give Σ by hand.
    /// </summary>
    public void Refresh<TView>(ReadOnlySpan<double> sigma, long observations, long now, in TView view)
        where TView : IRiskAccountView
    {
        if (sigma.Length != n * n)
        {
            throw new ArgumentException($"Expected a {n} × {n} covariance, got {sigma.Length} values.", nameof(sigma));
        }

        sigma.CopyTo(covariance);
        Estimate(now, observations, in view);
    }

    /// <summary>Adds the estimates, the refresh clock and the working VaR.</summary>
    public void AppendDigest(StateDigestBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(nextRefresh).Add(lastObservations).Add(Refreshes).Add(LastRefresh);
        builder.Add(deviation).Add(valueAtRisk).Add(portfolioDeviation).Add(marginal).Add(working);
        for (var k = 0; k < status.Length; k++)
        {
            builder.Add((int)status[k]);
        }
    }

    private bool AllowsBudgeted(int k, int instrument, bool buy, long notionalRaw, out double increment)
    {
        int slot = slotOf[instrument];
        if (status[k] != VarStatus.Estimated || slot < 0 || !(deviation[slot] > 0))
        {
            increment = double.PositiveInfinity;
            return false;
        }

        double change = FixedPoint.ToDouble(notionalRaw);
        increment = Increment(k, slot, buy ? change : -change);
        return !(increment > 0) || valueAtRisk[k] + working[k] + increment <= budget[k];
    }

    /// <summary>First-order VaR change of an exposure change <paramref name="change"/> (base currency) in slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Increment(int k, int slot, double change) =>
        portfolioDeviation[k] > 0 ? marginal[(k * n) + slot] * change : scale[k] * deviation[slot] * Math.Abs(change);

    private void Estimate<TView>(long now, long observations, in TView view)
        where TView : IRiskAccountView
    {
        nextRefresh = ((now / RefreshIntervalNanoseconds) + 1) * RefreshIntervalNanoseconds;
        lastObservations = observations;
        LastRefresh = now;
        Refreshes++;
        bool warm = observations >= minimumObservations;
        for (var i = 0; i < n; i++)
        {
            double variance = covariance[(i * n) + i];
            deviation[i] = warm && variance > 0 && double.IsFinite(variance) ? Math.Sqrt(variance) : 0;
        }

        for (var k = 0; k < accountOf.Length; k++)
        {
            EstimateAccount(k, warm, in view);
        }
    }

    private void EstimateAccount<TView>(int k, bool warm, in TView view)
        where TView : IRiskAccountView
    {
        var account = new AccountId(accountOf[k]);
        valueAtRisk[k] = 0;
        portfolioDeviation[k] = 0;
        working[k] = 0;
        marginal.AsSpan(k * n, n).Clear();
        status[k] = !warm ? VarStatus.WarmingUp : HeldOutsideCoverage(account, in view) ? VarStatus.Uncovered : VarStatus.Estimated;
        if (status[k] != VarStatus.Estimated)
        {
            return;
        }

        for (var i = 0; i < n; i++)
        {
            long position = view.Position(account, new InstrumentId(universe[i])).Raw;
            if (!TryValue(account, universe[i], position, in view, out exposure[i]))
            {
                status[k] = VarStatus.NoPrice;
                return;
            }
        }

        double variance = 0;
        for (var i = 0; i < n; i++)
        {
            double sum = 0;
            int row = i * n;
            for (var j = 0; j < n; j++)
            {
                sum += covariance[row + j] * exposure[j];
            }

            product[i] = sum;
            variance += exposure[i] * sum;
        }

        double a = scale[k];
        if (variance > 0 && double.IsFinite(variance))
        {
            double sigmaP = Math.Sqrt(variance);
            portfolioDeviation[k] = sigmaP;
            valueAtRisk[k] = a * sigmaP;
            for (var i = 0; i < n; i++)
            {
                marginal[(k * n) + i] = a * product[i] / sigmaP;
            }
        }

        double pending = 0;
        for (var i = 0; i < n; i++)
        {
            var id = new InstrumentId(universe[i]);
            long buys = view.WorkingBuy(account, id).Raw;
            long sells = view.WorkingSell(account, id).Raw;
            if (buys == 0 && sells == 0)
            {
                continue;
            }

            if (!(deviation[i] > 0) || !TryValue(account, universe[i], buys, in view, out var up) || !TryValue(account, universe[i], sells, in view, out var down))
            {
                status[k] = VarStatus.NoPrice;
                return;
            }

            pending += Math.Max(0, Math.Max(Increment(k, i, up), Increment(k, i, -down)));
        }

        working[k] = pending;
    }

    /// <summary>Whether the account holds a position in an instrument that is not covered (outside the universe or no variance).</summary>
    private bool HeldOutsideCoverage<TView>(AccountId account, in TView view)
        where TView : IRiskAccountView
    {
        for (var i = 0; i < slotOf.Length; i++)
        {
            int slot = slotOf[i];
            if ((slot < 0 || !(deviation[slot] > 0)) && view.Position(account, new InstrumentId(i)).Raw != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>quantity × mark × FX-to-base, signed, in base-currency units; false without a mark or rate.</summary>
    private static bool TryValue<TView>(AccountId account, int instrument, long quantityRaw, in TView view, out double value)
        where TView : IRiskAccountView
    {
        value = 0;
        if (quantityRaw == 0)
        {
            return true;
        }

        var id = new InstrumentId(instrument);
        if (!view.TryGetMark(id, out var mark) || mark.Raw <= 0)
        {
            return false;
        }

        long quote = RiskMath.NotionalCeiling(quantityRaw, mark.Raw);
        if (quote == long.MaxValue || !view.TryToBase(account, id, Money.FromRaw(quote), out var inBase))
        {
            return false;
        }

        value = quantityRaw > 0 ? inBase.ToDouble() : -inBase.ToDouble();
        return true;
    }

    private int SlotOf(AccountId account)
    {
        int k = (uint)account.Value < (uint)budgetSlotOf.Length ? budgetSlotOf[account.Value] : -1;
        return k >= 0 ? k : throw new ArgumentException($"Account #{account.Value} has no VaR budget.", nameof(account));
    }
}
