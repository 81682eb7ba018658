using MathNet.Numerics.Distributions;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// An account's pre-trade VaR budget as resolved from risk.json's <c>varLimit</c>: the most value-at-risk (base
/// currency) the account may carry after an order, at <see cref="Confidence"/> over <see cref="HorizonNanoseconds"/>.
/// <c>default</c> = no budget. Enforced by <see cref="VarBudget"/>.
/// </summary>
public readonly record struct VarLimit
{
    /// <summary>The confidence risk.json uses when <c>varLimit</c> does not say.</summary>
    public const double DefaultConfidence = 0.99;

    /// <summary>The horizon risk.json uses when <c>varLimit</c> does not say: one day (calendar time).</summary>
    public const long DefaultHorizonNanoseconds = 86_400L * 1_000_000_000;

    /// <summary>A budget of <paramref name="budget"/> (base currency) at <paramref name="confidence"/> over <paramref name="horizonNanoseconds"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive budget or horizon, or a confidence outside (0.5, 1).</exception>
    public VarLimit(Money budget, double confidence, long horizonNanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget.Raw, 0, nameof(budget));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizonNanoseconds, 0, nameof(horizonNanoseconds));
        if (!(confidence > 0.5 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The VaR confidence is a fraction in (0.5, 1), e.g. 0.99.");
        }

        Budget = budget;
        Confidence = confidence;
        HorizonNanoseconds = horizonNanoseconds;
        Z = Normal.InvCDF(0, 1, confidence);
    }

    /// <summary>Whether a budget is set.</summary>
    public bool IsSet => HorizonNanoseconds > 0;

    /// <summary>The most VaR the account may reach through an order, in its base currency (<c>budget</c>).</summary>
    public Money Budget { get; }

    /// <summary>One-sided confidence of the VaR, a fraction (<c>confidence</c>, e.g. 0.99).</summary>
    public double Confidence { get; }

    /// <summary>VaR horizon in nanoseconds of calendar time (<c>horizon</c>, e.g. "1d").</summary>
    public long HorizonNanoseconds { get; }

    /// <summary>z = Φ⁻¹(confidence), the standard normal quantile (2.3263478740 at 0.99), computed once at load.</summary>
    public double Z { get; }

    /// <summary>
    /// The factor turning the standard deviation of one covariance interval's P&amp;L into this VaR:
    /// z × √(horizon ÷ interval) (square-root-of-time scaling of i.i.d. zero-mean interval returns).
    /// </summary>
    public double Scale(long covarianceIntervalNanoseconds) =>
        IsSet ? Z * Math.Sqrt((double)HorizonNanoseconds / covarianceIntervalNanoseconds) : 0;
}
