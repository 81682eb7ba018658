using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MultiAsset.Engine.Backtest.Import;
using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Tests.Backtest.Import;

/// <summary>The importer on small vendor-like files: times, labels, rounding, rejects, gaps, adjustments, the cache.</summary>
public sealed class DataImporterTests : IDisposable
{
    private const string BarHeader = "timestamp,symbol,open,high,low,close,volume,vwap";
    private readonly ImportTestFiles files = new();

    public void Dispose() => files.Dispose();

    private static long Utc(int y, int mo, int d, int h, int mi, int s = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private static List<InputEvent> ReadCache(string path, ISymbolResolver? symbols = null)
    {
        using var source = CacheEventSource.Open(path, symbols ?? ImportTestFiles.Catalog);
        var list = new List<InputEvent>();
        var evt = default(InputEvent);
        while (source.TryRead(ref evt))
        {
            list.Add(evt);
        }

        return list;
    }

    [Fact]
    public void Import_StockBarsWithOffsetsAcrossDst_StampsBarEndsInUtc()
    {
        files.Write("aaa.csv", BarHeader,
            "2024-03-08 09:30:00-05:00,AAA,169.00,169.50,168.90,169.20,1000,169.1",
            "2024-03-08 15:59:00-05:00,AAA,170.00,170.10,169.95,170.05,2000,170.0",
            "2024-03-11 09:30:00-04:00,AAA,171.00,171.20,170.80,171.10,1500,171.0");

        var report = files.Import("""{ "files": ["aaa.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "start" }""", "out");
        var events = ReadCache(report.CachePath!);

        Assert.Equal([Utc(2024, 3, 8, 14, 31), Utc(2024, 3, 8, 21, 0), Utc(2024, 3, 11, 13, 31)], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.Equal(60, e.Bar.IntervalSeconds));
        Assert.Equal(Price.Parse("170.05"), events[1].Bar.Close);
        Assert.Equal(Quantity.Parse("2000"), events[1].Bar.Volume);
        Assert.Equal((3, 3, 0, 0), (report.Rows, report.Accepted, report.Rejected, report.Rounded));
    }

    [Fact]
    public void Import_NamedZoneWithoutOffsets_MatchesTheOffsetFile()
    {
        files.Write("ny.csv", BarHeader,
            "2024-03-08 09:30:00,AAA,169.00,169.50,168.90,169.20,1000,169.1",
            "2024-03-11 09:30:00,AAA,171.00,171.20,170.80,171.10,1500,171.0",
            "2024-11-04 09:30:00,AAA,171.00,171.20,170.80,171.10,1500,171.0");

        var report = files.Import("""{ "files": ["ny.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end", "timeZone": "America/New_York" }""", "out");

        Assert.Equal([Utc(2024, 3, 8, 14, 30), Utc(2024, 3, 11, 13, 30), Utc(2024, 11, 4, 14, 30)], ReadCache(report.CachePath!).Select(e => e.Timestamp));
    }

    [Fact]
    public void Import_FixedOffsetZone_SubtractsTheOffset()
    {
        files.Write("fx.csv", "time,open,high,low,close", "2024-01-02 10:00:00,1.1,1.1,1.1,1.1");

        var report = files.Import("""{ "files": ["fx.csv"], "symbol": "EURUSD", "kind": "bars", "barInterval": "1h", "barLabel": "end", "timeZone": "+02:00" }""", "out");

        Assert.Equal(Utc(2024, 1, 2, 8, 0), ReadCache(report.CachePath!).Single().Timestamp);
    }

    [Fact]
    public void Import_FxHalfPipMids_RoundsToNearestTickAndCounts()
    {
        files.Write("eurusd.csv", BarHeader,
            "2024-01-02T10:00:00Z,EURUSD,1.095005,1.095015,1.094995,1.095005,0,0",
            "2024-01-02T10:01:00Z,EURUSD,1.09501,1.09502,1.09500,1.09501,0,0",
            "2024-01-02T10:02:00Z,EURUSD,1.0950049999999999,1.095015,1.094995,1.095005,0,0");

        var report = files.Import("""{ "files": ["eurusd.csv"], "kind": "bars", "barInterval": "1m" }""", "out");
        var bars = ReadCache(report.CachePath!).Select(e => e.Bar).ToList();

        Assert.Equal((3, 0, 2), (report.Accepted, report.Rejected, report.Rounded));
        Assert.Equal(Price.Parse("1.09501"), bars[0].Open); // half a tick goes away from zero
        Assert.Equal(Price.Parse("1.09500"), bars[0].Low); // 1.094995: a half again, away from zero
        Assert.Equal(Price.Parse("1.09502"), bars[0].High);
        // A float artefact is first read to the engine's 8 decimals (1.09500500), the vendor's intended half-pip, then
        // rounded to the tick like any other.
        Assert.Equal(Price.Parse("1.09501"), bars[2].Open);
        Assert.Equal(2, report.Symbols.Single().Rounded);
    }

    [Theory]
    [InlineData("floor", "1.09500", "1.09501")]
    [InlineData("ceil", "1.09501", "1.09502")]
    public void Import_FloorAndCeilPolicies_MoveEveryOffTickPrice(string policy, string open, string high)
    {
        files.Write("eurusd.csv", BarHeader, "2024-01-02T10:00:00Z,EURUSD,1.095005,1.095015,1.094995,1.095005,0,0");

        var report = files.Import($$"""{ "files": ["eurusd.csv"], "kind": "bars", "barInterval": "1m", "rounding": "{{policy}}" }""", "out");
        var bar = ReadCache(report.CachePath!).Single().Bar;

        Assert.Equal((Price.Parse(open), Price.Parse(high)), (bar.Open, bar.High));
    }

    [Fact]
    public void Import_RejectPolicy_RejectsOffTickRowsWithFileAndLine()
    {
        files.Write("eurusd.csv", BarHeader,
            "2024-01-02T10:00:00Z,EURUSD,1.09500,1.09502,1.09500,1.09501,0,0",
            "2024-01-02T10:01:00Z,EURUSD,1.095005,1.095015,1.094995,1.095005,0,0");

        var report = files.Import("""{ "files": ["eurusd.csv"], "kind": "bars", "barInterval": "1m", "rounding": "reject" }""");

        Assert.Equal((1, 1), (report.Accepted, report.Rejected));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(ImportRejectReason.OffTick, rejection.Reason);
        Assert.EndsWith("eurusd.csv:3: off-tick: open: 1.095005 is not a multiple of the tick 0.00001", rejection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Crypto247WithEpochMilliseconds_ReportsAWeekendGap()
    {
        long saturday = Utc(2026, 3, 7, 12, 0);
        files.Write("btc.csv", "ts,open,high,low,close,volume",
            $"{saturday / 1_000_000},60000,60010,59990,60005,1.5",
            $"{(saturday / 1_000_000) + 60_000},60005,60010,59990,60001,0.25",
            $"{(saturday / 1_000_000) + (3 * 3_600_000)},60001,60010,59990,60002,0.1");

        var report = files.Import("""{ "files": ["btc.csv"], "symbol": "BTCUSD", "kind": "bars", "timestampFormat": "epoch-ms", "barInterval": "1m", "gapThreshold": "1h" }""", "out");

        Assert.Equal(3, report.Accepted);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal(("BTCUSD", saturday + (2 * 60_000_000_000L), saturday + (3 * 3_600_000_000_000L)), (gap.Symbol, gap.From, gap.To));
        Assert.Equal(gap.To - gap.From, gap.OpenNanoseconds);
        Assert.Equal(0, report.Symbols.Single().OutsideSession);
    }

    [Fact]
    public void Import_TenYearGap_IsReportedWithItsOpenTime()
    {
        files.Write("btc.csv", "timestamp,symbol,open,high,low,close,volume",
            "2014-01-01T00:01:00Z,BTCUSD,700,700,700,700,1",
            "2024-01-01T00:01:00Z,BTCUSD,42000,42000,42000,42000,1");

        var report = files.Import("""{ "files": ["btc.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end" }""");

        var gap = Assert.Single(report.Gaps);
        Assert.Equal((Utc(2014, 1, 1, 0, 1), Utc(2024, 1, 1, 0, 0)), (gap.From, gap.To));
        Assert.Equal(Utc(2024, 1, 1, 0, 0) - Utc(2014, 1, 1, 0, 1), gap.OpenNanoseconds);
        Assert.Equal(1, report.GapCount);
    }

    [Fact]
    public void Import_StockOvernightAndWeekend_IsNotAGap()
    {
        files.Write("aaa.csv", BarHeader,
            "2026-03-06 15:58:00-05:00,AAA,10,10,10,10,1,10",
            "2026-03-09 09:30:00-04:00,AAA,10,10,10,10,1,10");

        var report = files.Import("""{ "files": ["aaa.csv"], "kind": "bars", "barInterval": "1m", "gapThreshold": "5m" }""");

        Assert.Equal(0, report.GapCount);
    }

    [Fact]
    public void Import_DailyDateOnlyBars_StampedAtTheExchangeClose()
    {
        files.Write("daily.csv", "Date,Open,High,Low,Close,Volume",
            "2024-03-08,169,171,168,170,1000000",
            "20240311,170,172,169,171,900000");

        var report = files.Import("""{ "files": ["daily.csv"], "symbol": "AAA", "kind": "bars", "timestampFormat": "date" }""", "out");
        var events = ReadCache(report.CachePath!);

        Assert.Equal([Utc(2024, 3, 8, 21, 0), Utc(2024, 3, 11, 20, 0)], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.Equal(86_400, e.Bar.IntervalSeconds));
    }

    [Fact]
    public void Import_DailyBarsWithSessionClose_UseTheGivenTimeAndZone()
    {
        files.Write("eurusd-daily.csv", "date,open,high,low,close", "2024-03-08,1.09,1.1,1.08,1.095");

        var report = files.Import("""{ "files": ["eurusd-daily.csv"], "symbol": "EURUSD", "kind": "bars", "timestampFormat": "date", "sessionClose": "17:00", "timeZone": "America/New_York" }""", "out");

        Assert.Equal(Utc(2024, 3, 8, 22, 0), ReadCache(report.CachePath!).Single().Timestamp);
    }

    [Fact]
    public void Import_DateAndTimeColumnsWithACustomPattern_JoinedAndReadInTheZone()
    {
        files.Write("kibot.csv", "Date,Time,Open,High,Low,Close,Volume",
            "03/08/2024,09:30,169.00,169.50,168.90,169.20,1000",
            "03/11/2024,09:30,171.00,171.20,170.80,171.10,1500");

        var report = files.Import("""
            { "files": ["kibot.csv"], "symbol": "AAA", "kind": "bars", "barInterval": "1m", "timestampFormat": "MM/dd/yyyy HH:mm", "timeZone": "America/New_York" }
            """, "out");

        Assert.Equal([Utc(2024, 3, 8, 14, 31), Utc(2024, 3, 11, 13, 31)], ReadCache(report.CachePath!).Select(e => e.Timestamp));
    }

    [Fact]
    public void Import_CustomPatternWithOffset_UsesTheOffset()
    {
        files.Write("mt.csv", "timestamp,symbol,open,high,low,close", "2024.03.08 09:30 -05:00,AAA,1,1,1,1");

        var report = files.Import("""{ "files": ["mt.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end", "timestampFormat": "yyyy.MM.dd HH:mm zzz" }""", "out");

        Assert.Equal(Utc(2024, 3, 8, 14, 30), ReadCache(report.CachePath!).Single().Timestamp);
    }

    [Fact]
    public void Import_CustomDateOnlyPattern_IsADailyBarAtTheClose()
    {
        files.Write("d.csv", "day,open,high,low,close", "08.03.2024,1,1,1,1");

        var report = files.Import("""{ "files": ["d.csv"], "symbol": "AAA", "kind": "bars", "timestampFormat": "dd.MM.yyyy", "columns": { "timestamp": "day" } }""", "out");

        var bar = ReadCache(report.CachePath!).Single();
        Assert.Equal((Utc(2024, 3, 8, 21, 0), 86_400), (bar.Timestamp, bar.Bar.IntervalSeconds));
    }

    [Fact]
    public void Import_WrongHeader_NamesFileExpectedAndFoundColumns()
    {
        files.Write("wrong.csv", "when,sym_name,first,max,min,last,qty", "x,AAA,1,1,1,1,1");

        var ex = Assert.Throws<ReplayFormatException>(() => files.Import("""{ "files": ["wrong.csv"], "kind": "bars", "barInterval": "1m" }"""));

        Assert.Contains("wrong.csv:1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no column for 'timestamp'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Expected bars columns timestamp,symbol,open,high,low,close[,volume]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("found when,sym_name,first,max,min,last,qty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HeaderlessFile_SaysTheFirstLineLooksLikeData()
    {
        files.Write("noheader.csv", "2024-01-02T10:00:00Z,AAA,1,1,1,1,1");

        var ex = Assert.Throws<ReplayFormatException>(() => files.Import("""{ "files": ["noheader.csv"], "kind": "bars", "barInterval": "1m" }"""));

        Assert.Contains("hasHeader", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HeaderlessFileMappedByIndex_Imports()
    {
        files.Write("noheader.csv", "AAA;2024-01-02T15:00:00Z;1;2;0.5;1.5;100");

        var report = files.Import("""
            { "files": ["noheader.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end", "hasHeader": false, "delimiter": ";",
              "columns": { "symbol": 0, "timestamp": 1, "open": 2, "high": 3, "low": 4, "close": 5, "volume": 6 } }
            """, "out");

        var bar = ReadCache(report.CachePath!).Single();
        Assert.Equal((Utc(2024, 1, 2, 15, 0), Price.Parse("1.5"), Quantity.Parse("100")), (bar.Timestamp, bar.Bar.Close, bar.Bar.Volume));
    }

    [Fact]
    public void Import_BadRows_ReportedWithFileLineAndReasonThenCounted()
    {
        files.Write("bad.csv", BarHeader,
            "2024-03-08 09:30:00-05:00,AAA,NaN,169.50,168.90,169.20,1000,0",
            "2024-03-08 09:31:00-05:00,AAA,169.00,168.00,169.50,169.20,1000,0",
            "2024-03-08 09:32:00-05:00,AAA,170.00,169.50,168.90,169.20,1000,0",
            "2024-03-08 09:33:00-05:00,AAA,-1,169.50,168.90,169.20,1000,0",
            "2024-03-08 09:34:00-05:00,AAA,169.00,169.50,168.90,169.20,-5,0",
            "2024/03/08 09:35,AAA,169.00,169.50,168.90,169.20,5,0",
            "2024-03-08 09:36:00-05:00,ZZZ,169.00,169.50,168.90,169.20,5,0",
            "2024-03-08 09:37:00-05:00,AAA,169.00,169.50,168.90,169.20,5",
            "2024-03-08 09:38:00-05:00,AAA,169.00,169.50,168.90,169.20,5,0",
            "2024-03-08 09:30:00-05:00,AAA,169.00,169.50,168.90,169.20,5,0",
            "2024-03-08 09:38:00-05:00,AAA,169.00,169.50,168.90,169.20,5,0");

        var report = files.Import("""{ "files": ["bad.csv"], "kind": "bars", "barInterval": "1m", "maxReportedErrors": 3 }""");

        Assert.Equal((11, 1, 10), (report.Rows, report.Accepted, report.Rejected));
        Assert.Equal(3, report.Rejections.Count);
        Assert.EndsWith("bad.csv:2: non-finite-price: open: not a finite number: 'NaN'", report.Rejections[0].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("bad.csv:3: high-below-low: high 168 is below low 169.5", report.Rejections[1].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("bad.csv:4: open-close-outside-range: open 170 is outside [low 168.9, high 169.5]", report.Rejections[2].ToString(), StringComparison.Ordinal);
        var expected = new Dictionary<ImportRejectReason, long>
        {
            [ImportRejectReason.NonFinitePrice] = 1,
            [ImportRejectReason.HighBelowLow] = 1,
            [ImportRejectReason.OpenCloseOutsideRange] = 1,
            [ImportRejectReason.NonPositivePrice] = 1,
            [ImportRejectReason.NegativeSize] = 1,
            [ImportRejectReason.BadTimestamp] = 1,
            [ImportRejectReason.UnknownSymbol] = 1,
            [ImportRejectReason.Malformed] = 1,
            [ImportRejectReason.OutOfOrder] = 1,
            [ImportRejectReason.DuplicateTimestamp] = 1,
        };
        Assert.Equal(expected.OrderBy(e => e.Key), report.RejectedByReason.OrderBy(e => e.Key));
        Assert.Equal(1, report.UnknownSymbols["ZZZ"]);
        // The short row is refused before its symbol is read, so it counts in the file's totals but not AAA's.
        var aaa = report.Symbols.Single();
        Assert.Equal((9, 1, 8), (aaa.Read, aaa.Accepted, aaa.Rejected));
    }

    [Fact]
    public void Import_OutOfOrderRow_NamesBothTimes()
    {
        files.Write("ooo.csv", BarHeader,
            "2024-03-08T15:00:00Z,AAA,1,1,1,1,1,1",
            "2024-03-08T14:59:00Z,AAA,1,1,1,1,1,1");

        var report = files.Import("""{ "files": ["ooo.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end" }""");

        Assert.EndsWith("ooo.csv:3: out-of-order: time 2024-03-08T14:59:00Z is before the previous AAA row's 2024-03-08T15:00:00Z",
            Assert.Single(report.Rejections).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SplitFactorFile_BackAdjustsPricesAndVolumesBeforeTheDate()
    {
        files.Write("aaa.csv", BarHeader,
            "2024-03-08 15:00:00-05:00,AAA,170.00,170.10,169.95,170.05,2000,0",
            "2024-03-11 10:00:00-04:00,AAA,85.00,85.10,84.90,85.05,3000,0");
        files.Write("factors.csv", "date,symbol,factor,kind", "2024-03-11,AAA,0.5,split", "2024-03-11,ZZZ,0.5,split");

        var report = files.Import("""{ "files": ["aaa.csv"], "kind": "bars", "barInterval": "1h", "adjustments": "factors.csv" }""", "out");
        var bars = ReadCache(report.CachePath!).Select(e => e.Bar).ToList();

        Assert.Equal((Price.Parse("85"), Price.Parse("85.05"), Price.Parse("84.98"), Price.Parse("85.03")), (bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close));
        Assert.Equal(Quantity.Parse("4000"), bars[0].Volume);
        Assert.Equal((Price.Parse("85"), Quantity.Parse("3000")), (bars[1].Open, bars[1].Volume));
        Assert.Equal(1, report.Symbols.Single().Adjusted);
    }

    [Fact]
    public void Import_DividendFactor_AdjustsPricesOnly()
    {
        files.Write("aaa.csv", BarHeader, "2024-03-08 15:00:00-05:00,AAA,100,100,100,100,2000,0");
        files.Write("factors.csv", "date,symbol,factor,kind", "2024-03-11,AAA,0.99,dividend");

        var report = files.Import("""{ "files": ["aaa.csv"], "kind": "bars", "barInterval": "1h", "adjustments": "factors.csv" }""", "out");
        var bar = ReadCache(report.CachePath!).Single().Bar;

        Assert.Equal((Price.Parse("99"), Quantity.Parse("2000")), (bar.Close, bar.Volume));
    }

    [Fact]
    public void Import_BarsWithBidAsk_AddAQuoteBeforeEachBar()
    {
        files.Write("fx.csv", "timestamp,symbol,open,high,low,close,volume,bid,ask",
            "2024-01-02T10:00:00Z,EURUSD,1.095,1.096,1.094,1.0955,0,1.09548,1.09552");

        var report = files.Import("""{ "files": ["fx.csv"], "kind": "bars", "barInterval": "1m", "quoteSize": 1000000 }""", "out");
        var events = ReadCache(report.CachePath!);

        Assert.Equal([InputEventKind.Quote, InputEventKind.Bar], events.Select(e => e.Kind));
        Assert.Equal((Price.Parse("1.09548"), Price.Parse("1.09552"), Quantity.Parse("1000000")), (events[0].Quote.Bid, events[0].Quote.Ask, events[0].Quote.AskSize));
        Assert.Equal(events[1].Timestamp, events[0].Timestamp);
        Assert.Equal((1, 1, 1), (report.Cache!.Bars, report.Cache.Quotes, report.Accepted));
    }

    [Fact]
    public void Import_QuotesAndTrades_ReadTheirColumnsAndRejectCrossedBooks()
    {
        files.Write("q.csv", "time,pair,bid,ask,bid_size,ask_size",
            "2024-01-02T10:00:00.5Z,EURUSD,1.09548,1.09552,1000000,2000000",
            "2024-01-02T10:00:01Z,EURUSD,1.09560,1.09552,1000000,2000000");
        files.Write("t.csv", "time,symbol,price,qty,side",
            "2024-01-02T10:00:00Z,BTCUSD,42000.5,0.01,buy",
            "2024-01-02T10:00:00.000001Z,BTCUSD,42000.25,0.02,S");

        var quotes = files.Import("""{ "files": ["q.csv"], "kind": "quotes" }""", "q");
        var trades = files.Import("""{ "name": "t", "files": ["t.csv"], "kind": "trades" }""", "t");

        Assert.Equal(ImportRejectReason.CrossedQuote, Assert.Single(quotes.Rejections).Reason);
        var quote = ReadCache(quotes.CachePath!).Single();
        Assert.Equal((Utc(2024, 1, 2, 10, 0) + 500_000_000, Quantity.Parse("2000000")), (quote.Timestamp, quote.Quote.AskSize));
        var read = ReadCache(trades.CachePath!);
        Assert.Equal([AggressorSide.Buyer, AggressorSide.Seller], read.Select(e => e.Trade.Aggressor));
        Assert.Equal(Utc(2024, 1, 2, 10, 0) + 1_000, read[1].Timestamp);
    }

    [Fact]
    public void Import_SeveralFilesAndGlob_MergedByTimeAndDuplicatesAcrossFilesDropped()
    {
        files.Write("btc-2.csv", "timestamp,symbol,open,high,low,close,volume",
            "2024-01-01T00:02:00Z,BTCUSD,2,2,2,2,1",
            "2024-01-01T00:03:00Z,BTCUSD,3,3,3,3,1");
        files.Write("btc-1.csv", "timestamp,symbol,open,high,low,close,volume",
            "2024-01-01T00:01:00Z,BTCUSD,1,1,1,1,1",
            "2024-01-01T00:03:00Z,BTCUSD,9,9,9,9,1");

        var report = files.Import("""{ "files": ["btc-*.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end" }""", "out");
        var events = ReadCache(report.CachePath!);

        // Globs expand in name order, and at equal times the earlier file wins: btc-1's 00:03 bar is kept.
        Assert.Equal(["1", "2", "9"], events.Select(e => e.Bar.Close.ToString()));
        var duplicate = Assert.Single(report.Rejections);
        Assert.Equal(ImportRejectReason.DuplicateTimestamp, duplicate.Reason);
        Assert.EndsWith("btc-2.csv", duplicate.File, StringComparison.Ordinal);
        Assert.Equal((4, 3, 1), (report.Rows, report.Accepted, report.Rejected));
    }

    [Fact]
    public void Import_SameFilesTwice_WritesByteIdenticalCaches()
    {
        files.Write("mix.csv", BarHeader,
            "2024-03-08 09:30:00-05:00,AAA,169.005,169.50,168.90,169.20,1000,0",
            "2024-01-02T10:00:00Z,EURUSD,1.095005,1.095015,1.094995,1.095005,0,0",
            "2024-01-02T10:01:00Z,BTCUSD,42000,42001,41999,42000.5,0.5,0");
        const string Spec = """{ "files": ["mix.csv"], "kind": "bars", "barInterval": "1m" }""";

        var first = files.Import(Spec, "a");
        var second = files.Import(Spec, "b");

        Assert.Equal(File.ReadAllBytes(first.CachePath!), File.ReadAllBytes(second.CachePath!));
        Assert.Null(EventCacheWriter.Verify(first.CachePath!));
    }

    [Fact]
    public void Cache_RoundTrip_GivesTheImportedEventsAndMapsIdsToAnotherCatalogue()
    {
        files.Write("mix.csv", BarHeader,
            "2024-01-02T10:00:00Z,EURUSD,1.09500,1.09502,1.09500,1.09501,7,0",
            "2024-01-02T10:01:00Z,BTCUSD,42000,42001,41999,42000.5,0.5,0");

        var report = files.Import("""{ "files": ["mix.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end" }""", "out");
        var other = new SymbolTable(["BTCUSD", "X", "Y", "Z", "EURUSD"]);
        var events = ReadCache(report.CachePath!, other);

        var expected = default(InputEvent);
        expected.SetBar(new InstrumentId(4), Utc(2024, 1, 2, 10, 0), Price.Parse("1.095"), Price.Parse("1.09502"), Price.Parse("1.095"), Price.Parse("1.09501"), Quantity.Parse("7"), 60);
        Assert.Equal(expected, events[0]);
        Assert.Equal(0, events[1].Instrument.Value);
        Assert.Equal((2L, 1L, 1L), (report.Cache!.RecordCount, report.Cache.Instruments[0].Records, report.Cache.Instruments[1].Records));
        Assert.Equal((Utc(2024, 1, 2, 10, 0), Utc(2024, 1, 2, 10, 1)), (report.Cache.FirstTimestamp, report.Cache.LastTimestamp));
    }

    [Fact]
    public void Cache_SymbolUnknownToTheReader_ComesBackRejectedAndCounted()
    {
        files.Write("btc.csv", "timestamp,symbol,open,high,low,close,volume", "2024-01-01T00:01:00Z,BTCUSD,1,1,1,1,1");
        var report = files.Import("""{ "files": ["btc.csv"], "kind": "bars", "barInterval": "1m" }""", "out");

        using var source = CacheEventSource.Open(report.CachePath!, new SymbolTable(["AAA"]));
        var evt = default(InputEvent);
        Assert.True(source.TryRead(ref evt));

        Assert.Equal((MarketDataRejectReason.UnknownInstrument, InstrumentId.None), (evt.Reject, evt.Instrument));
        Assert.Equal(1, source.Stats.RejectedFor(MarketDataRejectReason.UnknownInstrument));
        Assert.False(source.TryRead(ref evt));
    }

    [Fact]
    public void Cache_AsAReplayFeed_PublishesTheCachedEventsInOrder()
    {
        files.Write("btc.csv", "timestamp,symbol,open,high,low,close,volume",
            "2024-01-01T00:01:00Z,BTCUSD,1,1,1,1,1",
            "2024-01-01T00:02:00Z,BTCUSD,2,2,2,2,1",
            "2024-01-01T00:03:00Z,BTCUSD,3,3,3,3,1");
        var report = files.Import("""{ "files": ["btc.csv"], "kind": "bars", "barInterval": "1m", "barLabel": "end" }""", "out");
        var ring = new ValueRingBuffer<InputEvent>(64);

        Assert.Null(ReplayFileFeed.CheckLayout(ReplayFileFormat.Cache, report.CachePath!, ImportTestFiles.Catalog));
        using var feed = ReplayFileFeed.Open(ReplayFileFormat.Cache, [report.CachePath!], ImportTestFiles.Catalog, ring, ReplayFeedOptions.Default, new SimulatedClock());
        feed.Run(CancellationToken.None);

        Assert.Equal(3, feed.EventsPublished);
        Assert.Equal([Utc(2024, 1, 1, 0, 1), Utc(2024, 1, 1, 0, 2), Utc(2024, 1, 1, 0, 3)], new[] { ring[0].Timestamp, ring[1].Timestamp, ring[2].Timestamp });
        Assert.Equal(Price.Parse("3"), ring[2].Bar.Close);
    }

    [Fact]
    public void Cache_NotACacheFile_IsAClearError()
    {
        var path = files.Write("x.maecache", "hello");

        var ex = Assert.Throws<ReplayFormatException>(() => CacheEventSource.Open(path, ImportTestFiles.Catalog));

        Assert.Contains("not an event cache", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_InvalidFields_ListsEveryProblem()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ImportSpec.Parse(
            """{ "files": [], "kind": "candles", "barLabel": "middle", "rounding": "banker", "timeZone": "Mars/Olympus", "columns": { "opn": "o" } }""", "s.json"));

        Assert.Equal(6, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.Contains("kind: 'candles' is not one of bars, quotes, trades", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("Mars/Olympus", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Contains("columns.opn: unknown column role", StringComparison.Ordinal));
    }

    [Fact]
    public void Spec_UnknownField_IsRefused()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ImportSpec.Parse("""{ "files": ["a.csv"], "interval": "1m" }""", "s.json"));

        Assert.Contains("interval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_IntradayBarsWithoutInterval_AreRefused()
    {
        files.Write("a.csv", BarHeader);

        var ex = Assert.Throws<ConfigurationException>(() => files.Import("""{ "files": ["a.csv"], "kind": "bars" }"""));

        Assert.Contains("barInterval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_GlobMatchingNothing_IsAClearError()
    {
        var ex = Assert.Throws<ConfigurationException>(() => files.Import("""{ "files": ["none-*.csv"], "kind": "quotes" }"""));

        Assert.Contains("'none-*.csv' matches no file", ex.Message, StringComparison.Ordinal);
    }

    public static Arbitrary<(long Raw, long Tick)> PriceAndTick() => Arb.From(
        from raw in Gen.Choose(1, int.MaxValue).Select(v => (long)v * 37)
        from tickExponent in Gen.Choose(0, 8)
        select (raw, (long)Math.Pow(10, tickExponent)));

    [Property(MaxTest = 30, Arbitrary = [typeof(DataImporterTests)])]
    public bool Import_RoundedPrice_IsWithinHalfATickAndStableOnReimport((long Raw, long Tick) sample)
    {
        var (raw, tick) = sample;
        var catalog = InstrumentCatalogLoader.Parse($$"""
            { "calendars": { "C": { "type": "always" } },
              "instruments": [ { "symbol": "P", "name": "P", "assetClass": "CRYPTO", "baseCurrency": "PPP", "quoteCurrency": "USD", "tickSize": {{FixedPoint.Format(tick)}}, "lotSize": 1, "minNotional": 0, "sector": "s", "country": "Global", "calendar": "C" } ] }
            """, "p.json");
        string price = FixedPoint.Format(raw);
        files.Write("p.csv", "timestamp,open,high,low,close", $"2024-01-01T00:00:00Z,{price},{price},{price},{price}");
        var spec = files.Spec("""{ "name": "p", "files": ["p.csv"], "symbol": "P", "kind": "bars", "barInterval": "1m" }""");
        var first = DataImporter.Run(spec, catalog, files.Path("p1"));
        using var source = CacheEventSource.Open(first.CachePath!, catalog);
        var evt = default(InputEvent);
        source.TryRead(ref evt);
        long rounded = evt.Bar.Close.Raw;
        if (rounded <= 0)
        {
            return first.Rejected == 1;
        }

        files.Write("p.csv", "timestamp,open,high,low,close", $"2024-01-01T00:00:00Z,{FixedPoint.Format(rounded)},{FixedPoint.Format(rounded)},{FixedPoint.Format(rounded)},{FixedPoint.Format(rounded)}");
        var second = DataImporter.Run(spec, catalog, null);
        return 2 * Math.Abs(rounded - raw) <= tick && rounded % tick == 0 && second.Rounded == 0 && second.Accepted == 1
            && first.Rounded == (rounded == raw ? 0 : 1);
    }
}
