using FsCheck;
using FsCheck.Fluent;
using MultiAsset.Engine.Model;
using FsGen = FsCheck.FSharp.Gen;

namespace MultiAsset.Engine.Tests.Model;

/// <summary>Generators of raw fixed-point values for the Model property tests.</summary>
internal static class FixedPointGen
{
    /// <summary>
    /// Any long, with the range edges and small values over-represented: a uniform long almost never hits
    /// the boundaries or values with trailing zeros, which is where parsing and formatting go wrong.
    /// </summary>
    public static Arbitrary<long> AnyRaw { get; } = Gen.OneOf(
            FsGen.Choose64(long.MinValue, long.MaxValue),
            FsGen.Choose64(-1_000_000_000, 1_000_000_000),
            FsGen.Choose64(-1_000, 1_000).Select(units => units * 100_000_000),
            Gen.Elements(long.MinValue, long.MinValue + 1, long.MaxValue, long.MaxValue - 1, 0L, 1L, -1L))
        .ToArbitrary();

    /// <summary>Longs uniform in [min, max] (FsCheck's 64-bit chooser lives in its F# API).</summary>
    public static Gen<long> Between(long min, long max) => FsGen.Choose64(min, max);

    /// <summary>Raw values uniform in [-bound, bound].</summary>
    public static Arbitrary<long> RawWithin(long bound) => FsGen.Choose64(-bound, bound).ToArbitrary();

    /// <summary>The decimal reference for a scaled product: exact product rounded half away from zero.</summary>
    public static decimal ReferenceProduct(long a, long b) =>
        Math.Round(
            FixedPoint.ToDecimal(a) * FixedPoint.ToDecimal(b),
            8,
            MidpointRounding.AwayFromZero);
}
