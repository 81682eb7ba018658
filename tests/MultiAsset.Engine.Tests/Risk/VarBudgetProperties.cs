using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Risk;
using static MultiAsset.Engine.Tests.Risk.RiskTestSupport;

namespace MultiAsset.Engine.Tests.Risk;

/// <summary>
/// Random three-instrument books (Σ = L Lᵀ, random positions, marks, budget and order): the gate's VaR verdict is the
/// one the formulas give, computed here independently; reducing and risk-reducing orders are never refused; the
/// marginals times the exposures add up to the VaR (Euler).
/// </summary>
public class VarBudgetProperties
{
    private static readonly InstrumentId[] Universe = [Id("AAPL"), Id("MSFT"), Id("SPY")];
    private static readonly string[] Symbols = ["AAPL", "MSFT", "SPY"];
    private const double Z99 = 2.3263478740408408;

    private static Arbitrary<VarCase> Cases { get; } = (
            from l in Gen.ArrayOf(Gen.Choose(-300, 300), 6)
            from positions in Gen.ArrayOf(Gen.OneOf(Gen.Constant(0), Gen.Choose(-500, 500)), 3)
            from marks in Gen.ArrayOf(Gen.Choose(5_000, 50_000), 3)
            from instrument in Gen.Choose(0, 2)
            from buy in Gen.Elements(true, false)
            from quantity in Gen.Choose(1, 600)
            from budget in Gen.Choose(100, 20_000)
            select new VarCase(l, positions, marks, instrument, buy, quantity, budget))
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Verdict_IsTheFormulas_AndReducingOrdersPass() => Prop.ForAll(Cases, c =>
    {
        // Σ = L Lᵀ, L lower triangular with entries of ±0.03 (diagonal made positive): a valid covariance of returns.
        double[] lower = [Math.Abs(c.L[0]) / 1e4 + 1e-4, 0, 0, c.L[1] / 1e4, Math.Abs(c.L[2]) / 1e4 + 1e-4, 0, c.L[3] / 1e4, c.L[4] / 1e4, Math.Abs(c.L[5]) / 1e4 + 1e-4];
        var sigma = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 3; k++)
                {
                    sigma[(i * 3) + j] += lower[(i * 3) + k] * lower[(j * 3) + k];
                }
            }
        }

        var gate = Gate($$"""{ "accounts": { "alpha": { "varLimit": { "budget": {{c.Budget}}, "confidence": 0.99, "horizon": "4m" } } } }""");
        gate.AttachVar([.. Universe.Select(u => u.Value)], 60 * Second, 1);
        var view = View();
        var e = new double[3];
        for (var i = 0; i < 3; i++)
        {
            view.SetMark(Universe[i], c.Marks[i] / 100m).SetPosition(0, Universe[i], c.Positions[i]);
            e[i] = c.Positions[i] * (c.Marks[i] / 100.0);
        }

        gate.Var!.Refresh(sigma, 10, MondayOpen, in view);

        double a = 2 * Z99;
        var se = new double[3];
        double variance = 0;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                se[i] += sigma[(i * 3) + j] * e[j];
            }

            variance += e[i] * se[i];
        }

        double sp = Math.Sqrt(variance);
        double var = a * sp;
        double mid = c.Marks[c.Instrument] / 100.0;
        double change = (c.Buy ? 1 : -1) * c.Quantity * mid;
        double increment = sp > 0 ? a * se[c.Instrument] / sp * change : a * Math.Sqrt(sigma[(c.Instrument * 4)]) * Math.Abs(change);
        long position = c.Positions[c.Instrument];
        bool reducing = c.Buy ? position < 0 && position + c.Quantity <= 0 : position > 0 && position - c.Quantity >= 0;
        var order = Order(Alpha, Symbols[c.Instrument], c.Buy ? OrderSide.Buy : OrderSide.Sell, c.Quantity);
        var verdict = gate.Verdict(order, mid, view);

        double euler = 0;
        for (var i = 0; i < 3; i++)
        {
            euler += e[i] * gate.Var.Marginal(Alpha, Universe[i]);
        }

        bool nearEdge = Math.Abs(var + increment - c.Budget) < 1e-6 * c.Budget;
        var expected = reducing || !(increment > 0) || var + increment <= c.Budget ? RiskVerdict.Accepted : RiskVerdict.VarLimit;
        return ((nearEdge || verdict == expected) && Math.Abs(gate.Var.Estimate(Alpha).ValueAtRisk - var) <= 1e-9 * Math.Max(1, var)
                && (sp == 0 || Math.Abs(euler - var) <= 1e-9 * Math.Max(1, var)))
            .ToProperty()
            .Label($"verdict {verdict}, expected {expected}; VaR {var} (gate {gate.Var.Estimate(Alpha).ValueAtRisk}), increment {increment}, Euler {euler}");
    });

    public sealed record VarCase(int[] L, int[] Positions, int[] Marks, int Instrument, bool Buy, int Quantity, int Budget);
}
