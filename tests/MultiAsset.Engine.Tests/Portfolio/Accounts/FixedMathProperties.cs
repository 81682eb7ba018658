using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Portfolio.Accounts;
using FsGen = FsCheck.FSharp.Gen;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>The account book's overflow-reporting arithmetic agrees with exact decimal arithmetic.</summary>
public class FixedMathProperties
{
    private static readonly Arbitrary<long> Raw = Gen.OneOf(
            FsGen.Choose64(long.MinValue, long.MaxValue),
            FsGen.Choose64(-1_000_000_000_000_000, 1_000_000_000_000_000),
            FsGen.Choose64(-100_000_000_000, 100_000_000_000),
            Gen.Elements(long.MinValue, long.MaxValue, 0L, 1L, -1L, 50_000_000L, -50_000_000L, 100_000_000L))
        .ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property MultiplyScaled_MatchesTheExactRoundedProduct()
        => Prop.ForAll(Raw, Raw, (a, b) =>
        {
            bool ok = FixedMath.TryMultiplyScaled(a, b, out long fast);
            bool slowOk = FixedMath.TryMultiplyDivide(a, b, FixedPoint.Scale, out long slow);
            Int128 product = (Int128)a * b;
            Int128 quotient = Int128.DivRem(product, FixedPoint.Scale).Quotient;
            Int128 remainder = product - (quotient * FixedPoint.Scale);
            Int128 expected = Int128.Abs(remainder) * 2 >= FixedPoint.Scale ? quotient + Int128.Sign(product) : quotient;
            bool fits = expected >= long.MinValue && expected <= long.MaxValue;
            return (ok == fits && slowOk == fits && (!fits || (fast == (long)expected && slow == fast)))
                .Label($"{a} × {b}: fast {ok}/{fast}, slow {slowOk}/{slow}, expected {expected}");
        });

    [Property(MaxTest = 500)]
    public Property DivideScaled_IsTheInverseOfMultiplyWithinRounding()
        => Prop.ForAll(Raw, FsGen.Choose64(1, 1_000_000_000_000).ToArbitrary(), (a, divisor) =>
        {
            if (!FixedMath.TryDivideScaled(a, divisor, out long quotient))
            {
                return (Math.Abs((decimal)a * FixedPoint.Scale / divisor) > long.MaxValue - 1).ToProperty();
            }

            decimal exact = Math.Round((decimal)a * FixedPoint.Scale / divisor, MidpointRounding.AwayFromZero);
            return (quotient == exact).Label($"{a} / {divisor}: {quotient} vs {exact}");
        });
}
