using System.Globalization;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Model.Instruments;

/// <summary>Calendars and instants shared by the calendar tests.</summary>
internal static class Calendars
{
    /// <summary>The shipped catalogue, loaded once.</summary>
    public static InstrumentCatalog Shipped => RepoFiles.ShippedCatalog;

    /// <summary>The shipped NYSE calendar.</summary>
    public static ExchangeCalendar Nyse => (ExchangeCalendar)Shipped.Calendars["NYSE"];

    /// <summary>The shipped FX 24/5 calendar.</summary>
    public static TradingCalendar Fx => Shipped.Calendars["FX"];

    /// <summary>The shipped crypto 24/7 calendar.</summary>
    public static TradingCalendar Crypto => Shipped.Calendars["CRYPTO"];

    /// <summary>
    /// Unix nanoseconds of an ISO-8601 instant with an explicit offset ("2026-03-09T09:30:00-04:00"), so tests state
    /// the expected UTC instant independently of the calendar's own time-zone math.
    /// </summary>
    public static long Ns(string instant) =>
        DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.None).ToUnixTimeMilliseconds() * 1_000_000;
}
