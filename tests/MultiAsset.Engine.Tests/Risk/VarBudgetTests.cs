using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>
/// The pre-trade VaR limit on a hand-computed two-instrument book: the estimates (VaR, marginals) and the verdicts at the
/// budget's edge, risk-reducing orders, coverage and warm-up refusals, working orders, and accounts without a budget.
/// </summary>
/// <remarks>
/// The case: universe AAPL, MSFT; Σ (per-interval log returns) = [[4e-4, 1e-4], [1e-4, 9e-4]]; alpha long 100 AAPL at
/// 200 and short 50 MSFT at 400, so e = (20 000, −20 000) USD; Σe = (6, −16); eᵀΣe = 440 000; σ_p = √440 000 =
/// 663.32…; confidence 0.99 (z = 2.3263478740408408), horizon 4m over a 60 s interval (√4 = 2), so a = 2z.
/// VaR = a σ_p = 3086.2492120137736; marginal VaR = a (Σe)_i / σ_p = (0.04208521652746054, −0.11222724407322812).
/// Expected values computed independently (Python's statistics.NormalDist and plain floats).
/// </remarks>
public class VarBudgetTests
{
    private const double Z99 = 2.3263478740408408;
    private const double Var = 3086.2492120137736;
    private const double MarginalAapl = 0.04208521652746054;
    private const double MarginalMsft = -0.11222724407322812;

    private static readonly InstrumentId Aapl = Id("AAPL");
    private static readonly InstrumentId Msft = Id("MSFT");
    private static readonly double[] Sigma = [4e-4, 1e-4, 1e-4, 9e-4];

    [Fact]
    public void Refresh_HandComputedTwoInstrumentBook_GivesVarAndMarginals()
    {
        var gate = VarGate(budget: "100000");
        Refresh(gate, HedgedBook());

        var estimate = gate.Var!.Estimate(Alpha);
        Assert.Equal(VarStatus.Estimated, estimate.Status);
        Assert.Equal(2 * Z99, estimate.Scale, 1e-12);
        Assert.Equal(Math.Sqrt(440_000), estimate.PortfolioDeviation, 1e-12 * 663);
        Assert.Equal(Var, estimate.ValueAtRisk, 1e-12 * Var); // relative 1e-12
        Assert.Equal(0, estimate.Working);
        Assert.Equal(MarginalAapl, gate.Var.Marginal(Alpha, Aapl), 1e-12);
        Assert.Equal(MarginalMsft, gate.Var.Marginal(Alpha, Msft), 1e-12);
        // Euler: the marginals times the exposures add up to the VaR.
        Assert.Equal(Var, (20_000 * gate.Var.Marginal(Alpha, Aapl)) - (20_000 * gate.Var.Marginal(Alpha, Msft)), 1e-9);
        Assert.False(gate.Var.HasBudget(Beta));
    }

    [Theory]
    [InlineData("3170.41964507", RiskVerdict.Accepted)] // VaR + 10 × 200 × marginal = 3170.4196450686945: just below
    [InlineData("3170.41964506", RiskVerdict.VarLimit)] // just above
    public void Check_AtTheBudgetsEdge_AcceptsBelowAndRefusesAbove(string budget, RiskVerdict expected)
    {
        var gate = VarGate(budget);
        var view = HedgedBook();
        Refresh(gate, view);

        Assert.Equal(expected, gate.Verdict(Buy("AAPL", 10), 200, view));
    }

    [Fact]
    public void Check_OneShareAcrossTheBudget_RefusesTheLargerOrder()
    {
        var gate = VarGate("3174.63"); // between VaR + inc(10 shares) = 3170.42 and VaR + inc(11) = 3178.84
        var view = HedgedBook();
        Refresh(gate, view);

        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("AAPL", 11), 200, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 200, view));
        Assert.Equal(1, gate.VerdictCount(Alpha, RiskVerdict.VarLimit));
        // The accepted order's incremental VaR is booked until the next refresh: now even one share is too many.
        Assert.Equal(10 * 200 * MarginalAapl, gate.Var!.Estimate(Alpha).Working, 1e-9);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Order(Alpha, "AAPL", OrderSide.Buy, 1, orderId: 2), 200, view));
        // Selling MSFT short grows the short and the VaR (marginal < 0, Δe < 0): 1 share = 44.89 of VaR.
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Sell("MSFT", 1), 400, view));
    }

    [Fact]
    public void Check_RiskReducingOrders_PassEvenOverBudget()
    {
        var gate = VarGate("1000"); // the book's VaR (1861.08) is already over it
        var view = View().SetMark(Aapl, 200).SetMark(Msft, 400).SetPosition(0, Aapl, 100);
        Refresh(gate, view);
        Assert.Equal(2 * Z99 * 400, gate.Var!.Estimate(Alpha).ValueAtRisk, 1e-9);

        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("AAPL", 1), 200, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("AAPL", 50), 200, view)); // reduces the position
        // Opening a short MSFT hedge: a new position, but its marginal (0.0233) × Δe (−400 per share) < 0.
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("MSFT", 30), 400, view));
        Assert.Equal(0, gate.Var.Estimate(Alpha).Working); // nothing booked for a negative incremental
    }

    [Fact]
    public void Check_FirstTradeFromFlat_IsChargedItsStandaloneVar()
    {
        // σ_p = 0: incremental = a × √Σ_ii × |Δe| = 2z × 0.02 × 200 = 18.610782992326726 per AAPL share.
        var gate = VarGate("186.2");
        var view = View().SetMark(Aapl, 200).SetMark(Msft, 400);
        Refresh(gate, view);
        Assert.Equal(0, gate.Var!.Estimate(Alpha).ValueAtRisk);
        Assert.Equal(18.610782992326726 / 200, gate.Var.Marginal(Alpha, Aapl), 1e-12);

        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Sell("AAPL", 11), 200, view)); // 204.7: a short counts the same
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 10), 200, view)); // 186.1
    }

    [Fact]
    public void Check_WithoutABudget_ChangesNothing()
    {
        var plain = Gate("{}");
        Assert.Null(plain.AttachVar([Aapl.Value, Msft.Value], 60 * Second, 2)); // no account has a budget: no estimates
        Assert.Equal(RiskVerdict.Accepted, plain.Verdict(Buy("SPY", 1_000_000), 500, View()));

        // Beta has no budget while alpha has a tiny one: beta trades anything, covered or not, before any refresh.
        var gate = VarGate("1");
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "SPY", OrderSide.Buy, 1_000), 500, View()));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Order(Beta, "AAPL", OrderSide.Buy, 1_000), 200, View()));
    }

    [Fact]
    public void Check_RiskTheEngineCannotEstimate_IsRefusedButReducingPasses()
    {
        var gate = VarGate("1000000");
        var view = View().SetMark(Aapl, 200).SetMark(Msft, 400).SetMark(Id("SPY"), 500);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("AAPL", 1), 200, view)); // before the first refresh

        Refresh(gate, view, observations: 1); // warm-up needs 2
        Assert.Equal(VarStatus.WarmingUp, gate.Var!.Estimate(Alpha).Status);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("AAPL", 1), 200, view));

        Refresh(gate, view);
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Buy("AAPL", 1), 200, view));
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("SPY", 1), 500, view)); // outside the covariance universe

        // A variance of 0 is no estimate either.
        Refresh(gate, view, sigma: [4e-4, 0, 0, 0]);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Buy("MSFT", 1), 400, view));

        // A held position outside the universe makes the whole estimate unusable; closing it is always allowed.
        view.SetPosition(0, Id("SPY"), 10);
        Refresh(gate, view);
        Assert.Equal(VarStatus.Uncovered, gate.Var.Estimate(Alpha).Status);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Order(Alpha, "AAPL", OrderSide.Buy, 1, orderId: 7), 200, view));
        Assert.Equal(RiskVerdict.Accepted, gate.Verdict(Sell("SPY", 10), 500, view));

        // A held position without a mark cannot be valued.
        view.SetPosition(0, Id("SPY"), 0).SetPosition(0, Aapl, 5).SetMark(Aapl, 0);
        Refresh(gate, view);
        Assert.Equal(VarStatus.NoPrice, gate.Var.Estimate(Alpha).Status);
        Assert.Equal(RiskVerdict.VarLimit, gate.Verdict(Order(Alpha, "MSFT", OrderSide.Buy, 1, orderId: 8), 400, view));
    }

    [Fact]
    public void Refresh_CountsWorkingOrdersOnTheirWorseSide()
    {
        var gate = VarGate("100000");
        var view = HedgedBook().SetPosition(0, Aapl, 100, workingBuy: 10, workingSell: 30).SetPosition(0, Msft, -50, workingBuy: 5);
        Refresh(gate, view);

        // AAPL: max(0, +2000 × m_AAPL, −6000 × m_AAPL) = 84.17; MSFT buys reduce the short: max(0, 2000 × m_MSFT) = 0.
        Assert.Equal(2000 * MarginalAapl, gate.Var!.Estimate(Alpha).Working, 1e-9);
    }

    [Fact]
    public void Digest_CoversTheEstimates()
    {
        var a = VarGate("100000");
        var b = VarGate("100000");
        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));
        Refresh(a, HedgedBook());
        Refresh(b, HedgedBook());
        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b));

        Refresh(b, HedgedBook().SetMark(Aapl, 201));
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
        Refresh(b, HedgedBook());
        Refresh(a, HedgedBook());
        Refresh(a, HedgedBook());
        Assert.Equal(StateDigest.Of(a), StateDigest.Of(b)); // same estimates, same number of refreshes
        a.Verdict(Buy("AAPL", 1), 200, HedgedBook()); // books working VaR
        Assert.NotEqual(StateDigest.Of(a), StateDigest.Of(b));
    }

    [Fact]
    public void Check_IsAllocationFree()
    {
        var gate = VarGate("3174.63");
        var view = HedgedBook();
        Refresh(gate, view);
        var template = Buy("AAPL", 11);
        var order = template;
        gate.Check(ref order, MondayOpen, 200, in view); // warm up the JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            order = template;
            gate.Check(ref order, MondayOpen, 200, in view);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(RiskVerdict.VarLimit, order.RiskVerdict);
    }

    private static PreTradeRiskGate VarGate(string budget, long minimumObservations = 2)
    {
        var gate = Gate($$"""{ "accounts": { "alpha": { "varLimit": { "budget": {{budget}}, "confidence": 0.99, "horizon": "4m" } } } }""");
        Assert.NotNull(gate.AttachVar([Aapl.Value, Msft.Value], 60 * Second, minimumObservations));
        return gate;
    }

    private static StubRiskView HedgedBook() =>
        View().SetMark(Aapl, 200).SetMark(Msft, 400).SetPosition(0, Aapl, 100).SetPosition(0, Msft, -50);

    private static void Refresh(PreTradeRiskGate gate, StubRiskView view, long observations = 100, double[]? sigma = null) =>
        gate.Var!.Refresh(sigma ?? Sigma, observations, MondayOpen, in view);
}
