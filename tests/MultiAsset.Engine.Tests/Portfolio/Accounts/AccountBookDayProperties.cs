using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Portfolio.Accounts;
using FsGen = FsCheck.FSharp.Gen;

namespace MultiAsset.Engine.Tests.Portfolio.Accounts;

/// <summary>The mark path's day check (a compare against the end of the last mark's day) agrees with DayOf.</summary>
public class AccountBookDayProperties
{
    private static readonly Arbitrary<long> Times = Gen.OneOf(
            FsGen.Choose64(long.MinValue, long.MaxValue),
            FsGen.Choose64(-10 * AccountBook.NanosecondsPerDay, 30_000 * AccountBook.NanosecondsPerDay),
            Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, AccountBook.NanosecondsPerDay - 1, AccountBook.NanosecondsPerDay))
        .ToArbitrary();

    private static readonly Arbitrary<long> Days = Gen.OneOf(
            FsGen.Choose64(-200_000, 200_000),
            Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, long.MinValue / AccountBook.NanosecondsPerDay, long.MaxValue / AccountBook.NanosecondsPerDay))
        .ToArbitrary();

    // Below the bound no later day can start (skipping DayOf is exact); inside the representable range the bound is
    // tight (at or past it, the day has moved on).
    [Property(MaxTest = 5000)]
    public Property FirstNanosecondAfterDay_SeparatesTheDays() =>
        Prop.ForAll(Times, Days, (time, day) =>
        {
            var bound = AccountBook.FirstNanosecondAfterDay(day);
            var inRange = day >= long.MinValue / AccountBook.NanosecondsPerDay && day < long.MaxValue / AccountBook.NanosecondsPerDay;
            return time < bound ? AccountBook.DayOf(time) <= day : !inRange || AccountBook.DayOf(time) > day;
        });

    [Fact]
    public void FirstNanosecondAfterDay_IsTheNextMidnight()
    {
        Assert.Equal(AccountBook.NanosecondsPerDay, AccountBook.FirstNanosecondAfterDay(0));
        Assert.Equal(0, AccountBook.FirstNanosecondAfterDay(-1));
        Assert.Equal(long.MinValue, AccountBook.FirstNanosecondAfterDay(long.MinValue));
        Assert.Equal(AccountBook.DayOf(long.MaxValue), AccountBook.DayOf(AccountBook.FirstNanosecondAfterDay(AccountBook.DayOf(long.MaxValue))));
    }
}
