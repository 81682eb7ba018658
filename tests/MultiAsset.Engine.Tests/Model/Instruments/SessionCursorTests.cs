using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Model.Instruments;
using static MultiAsset.Engine.Tests.Model.Instruments.Calendars;
using FsGen = FsCheck.FSharp.Gen;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class SessionCursorTests
{
    private const long NanosPerMinute = 60_000_000_000;
    private const long NanosPerDay = 1440 * NanosPerMinute;

    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly long RangeStart = Ns("2024-12-01T00:00:00Z");
    private static readonly long RangeEnd = Ns("2027-02-01T00:00:00Z");

    // UTC minutes of day where NYSE and FX change state in winter or summer (open, close, early close, FX roll).
    private static readonly long[] BoundaryMinutes = [13 * 60 + 30, 14 * 60 + 30, 17 * 60, 18 * 60, 20 * 60, 21 * 60, 22 * 60, 0];

    /// <summary>
    /// Timestamps from Dec 2024 to Jan 2027 (the years the NYSE holidays cover): half uniform, half within a
    /// nanosecond of a UTC time where some calendar changes state, so the boundaries are hit exactly.
    /// </summary>
    private static Arbitrary<long[]> Instants { get; } = Gen.ArrayOf(Gen.OneOf(
            FsGen.Choose64(RangeStart, RangeEnd),
            from day in Gen.Choose(0, (int)((RangeEnd - RangeStart) / NanosPerDay) - 1)
            from minute in Gen.Elements(BoundaryMinutes)
            from jitter in Gen.Elements(-1L, 0L, 1L)
            select RangeStart + (day * NanosPerDay) + (minute * NanosPerMinute) + jitter))
        .ToArbitrary();

    public static TheoryData<string> CalendarNames => ["NYSE", "FX", "CRYPTO"];

    [Property(MaxTest = 300)]
    public Property IsOpenWithCursor_AgreesWithNaiveSchedule_InRandomAndSortedOrder() =>
        Prop.ForAll(Instants, instants =>
        {
            var sorted = instants.Order().ToArray();
            foreach (var name in new[] { "NYSE", "FX", "CRYPTO" })
            {
                var calendar = Shipped.Calendars[name];
                foreach (var order in new[] { instants, sorted })
                {
                    var cursor = default(SessionCursor);
                    foreach (var t in order)
                    {
                        if (calendar.IsOpen(t, ref cursor) != NaiveIsOpen(name, t)
                            || calendar.TradingDay(t, ref cursor) != NaiveTradingDay(name, t)
                            || calendar.SessionAt(t).Contains(t) != NaiveIsOpen(name, t))
                        {
                            return false;
                        }
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 200)]
    public Property SessionAt_ContainsOrFollowsTheInstant_AndNothingBetweenIsOpen() =>
        Prop.ForAll(Instants, instants => instants.All(t =>
        {
            var session = Nyse.SessionAt(t);
            // The session is not in the past, opens on a real open instant, and everything before it is closed.
            return session.Close > t && session.Open < session.Close
                && NaiveIsOpen("NYSE", session.Open) && !NaiveIsOpen("NYSE", session.Close)
                && (session.Contains(t) || !NaiveIsOpen("NYSE", session.Open - 1));
        }));

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void IsOpen_WithAWarmCursor_AllocatesNothing(string name)
    {
        var calendar = Shipped.Calendars[name];
        long start = Ns("2026-03-10T15:00:00Z"); // a Tuesday, open everywhere
        var cursor = default(SessionCursor);
        _ = CountOpen(calendar, start, ref cursor); // warm the cursor and the JIT

        long before = GC.GetAllocatedBytesForCurrentThread();
        int open = CountOpen(calendar, start, ref cursor);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, 10_000);
        Assert.Equal(10_000, open);
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void IsOpen_WhenRefillingEveryFewCalls_AllocatesNothing(string name)
    {
        // Hourly steps through a year cross every session boundary, so the slow path runs thousands of times.
        var calendar = Shipped.Calendars[name];
        var cursor = default(SessionCursor);
        _ = WalkHourly(calendar, ref cursor);

        cursor.Reset();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int open = WalkHourly(calendar, ref cursor);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, 365 * 24);
        Assert.True(open > 0);
    }

    [Fact]
    public void DefaultCursor_IsEmpty_AndResetEmptiesIt()
    {
        var cursor = default(SessionCursor);
        Assert.Equal(0, cursor.WindowStart);
        Assert.Equal(0, cursor.WindowEnd);

        Assert.True(Nyse.IsOpen(Ns("2026-03-10T15:00:00Z"), ref cursor));
        Assert.NotEqual(0, cursor.WindowEnd);

        cursor.Reset();
        Assert.Equal(default, cursor);
    }

    private static int CountOpen(TradingCalendar calendar, long start, ref SessionCursor cursor)
    {
        int open = 0;
        for (int i = 0; i < 10_000; i++)
        {
            // One tick per millisecond: ten seconds, all inside the cached window.
            if (calendar.IsOpen(start + (i * 1_000_000L), ref cursor) && calendar.TradingDay(start + (i * 1_000_000L), ref cursor) > 0)
            {
                open++;
            }
        }

        return open;
    }

    private static int WalkHourly(TradingCalendar calendar, ref SessionCursor cursor)
    {
        int open = 0;
        long start = Ns("2026-01-01T00:00:00Z");
        for (int hour = 0; hour < 365 * 24; hour++)
        {
            long t = start + (hour * 60 * NanosPerMinute);
            if (calendar.IsOpen(t, ref cursor))
            {
                open++;
            }

            open += calendar.TradingDay(t, ref cursor) > 0 ? 0 : -1;
        }

        return open;
    }

    /// <summary>The published schedules, computed directly from the wall clock in New York (no cursor, no calendar code).</summary>
    private static bool NaiveIsOpen(string calendar, long unixNanos)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddTicks(unixNanos / 100), NewYork);
        var time = TimeOnly.FromDateTime(local);
        var date = DateOnly.FromDateTime(local);
        switch (calendar)
        {
            case "NYSE":
                if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || Nyse.Holidays.Contains(date))
                {
                    return false;
                }

                var close = Nyse.EarlyCloses.TryGetValue(date, out var early) ? early : new TimeOnly(16, 0);
                return time >= new TimeOnly(9, 30) && time < close;
            case "FX":
                var fivePm = new TimeOnly(17, 0);
                return local.DayOfWeek switch
                {
                    DayOfWeek.Saturday => false,
                    DayOfWeek.Sunday => time >= fivePm,
                    DayOfWeek.Friday => time < fivePm,
                    _ => true,
                };
            default:
                return true;
        }
    }

    private static int NaiveTradingDay(string calendar, long unixNanos)
    {
        var utc = DateTime.UnixEpoch.AddTicks(unixNanos / 100);
        var day = calendar switch
        {
            "NYSE" => TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork),
            "FX" => TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork).AddHours(7),
            _ => utc,
        };
        return (day.Year * 10_000) + (day.Month * 100) + day.Day;
    }
}
