using System.Text;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public sealed class CsvEventSourceTests : IDisposable
{
    private const string QuoteHeader = "timestamp,symbol,bid,ask,bid_size,ask_size";
    private readonly ReplayTestFiles files = new();

    public void Dispose() => files.Dispose();

    private static InstrumentId Id(string symbol)
    {
        Assert.True(ReplayTestFiles.Symbols.TryResolve(symbol, out var id));
        return id;
    }

    private static List<InputEvent> Read(string path, InputEventKind kind = InputEventKind.None, byte[]? buffer = null)
    {
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, kind, source: 3, buffer: buffer);
        return ReplayTestFiles.ReadEvents(source);
    }

    [Fact]
    public void Quotes_AreParsedIntoEveryField()
    {
        var path = files.WriteCsv("q.csv", QuoteHeader, ["1772461800000000001,AAPL,189.5,189.52,300,0.00000001", "2026-03-02T14:30:00.123456789Z,EURUSD,1.08345,1.0835,1000000,2500000"]);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, source: 3);
        Assert.Equal(InputEventKind.Quote, source.Kind);
        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(2, events.Count);
        var q = events[0];
        Assert.Equal((InputEventKind.Quote, MarketDataRejectReason.None, (ushort)3, Id("AAPL"), 1_772_461_800_000_000_001L), (q.Kind, q.Reject, q.Source, q.Instrument, q.Timestamp));
        Assert.Equal((Price.Parse("189.5"), Price.Parse("189.52"), Quantity.Parse("300"), Quantity.FromRaw(1)), (q.Quote.Bid, q.Quote.Ask, q.Quote.BidSize, q.Quote.AskSize));
        Assert.Equal(Id("EURUSD"), events[1].Instrument);
        Assert.Equal(1_772_461_800_123_456_789L, events[1].Timestamp);
        Assert.Equal(Price.Parse("1.08345"), events[1].Quote.Bid);
        Assert.Equal(2, source.Stats.Rows);
        Assert.Equal(0, source.Stats.Rejected);
    }

    [Fact]
    public void Trades_WithAndWithoutSide()
    {
        var withSide = files.WriteCsv("t1.csv", "timestamp,symbol,price,size,side", ["1,AAPL,10,5,B", "2,AAPL,10.5,6,S", "3,AAPL,11,7,"]);
        var withoutSide = files.WriteCsv("t2.csv", "timestamp,symbol,price,size", ["4,BTCUSD,65000.12345678,0.001"]);

        var a = Read(withSide);
        var b = Read(withoutSide);

        Assert.Equal([AggressorSide.Buyer, AggressorSide.Seller, AggressorSide.Unknown], a.Select(e => e.Trade.Aggressor));
        Assert.Equal(Price.Parse("10.5"), a[1].Trade.Price);
        Assert.Equal(Quantity.Parse("7"), a[2].Trade.Size);
        Assert.Equal(InputEventKind.Trade, b[0].Kind);
        Assert.Equal(Price.Parse("65000.12345678"), b[0].Trade.Price);
        Assert.Equal(Quantity.Parse("0.001"), b[0].Trade.Size);
        Assert.Equal(AggressorSide.Unknown, b[0].Trade.Aggressor);
    }

    [Fact]
    public void Bars_AndReferenceValues()
    {
        var bars = files.WriteCsv("b.csv", "timestamp,symbol,open,high,low,close,volume,interval_seconds", ["2026-03-02T00:00:00Z,SPX,5000,5050.5,4990.25,5040,123456789,86400"]);
        var refs = files.WriteCsv("r.csv", "timestamp,symbol,value", ["2026-03-02T00:00:00Z,USD_RATE,0.0525", "2026-03-03T00:00:00Z,USD_RATE,-0.001"]);

        var bar = Assert.Single(Read(bars));
        var values = Read(refs);

        Assert.Equal(InputEventKind.Bar, bar.Kind);
        Assert.Equal((Price.Parse("5000"), Price.Parse("5050.5"), Price.Parse("4990.25"), Price.Parse("5040"), Quantity.Parse("123456789"), 86_400),
            (bar.Bar.Open, bar.Bar.High, bar.Bar.Low, bar.Bar.Close, bar.Bar.Volume, bar.Bar.IntervalSeconds));
        Assert.Equal([Price.Parse("0.0525"), Price.Parse("-0.001")], values.Select(v => v.Reference.Value));
        Assert.All(values, v => Assert.Equal(Id("USD_RATE"), v.Instrument));
    }

    [Fact]
    public void CrLf_LastLineWithoutNewline_BlankLines_AndBom_AreHandled()
    {
        var path = files.Path("crlf.csv");
        File.WriteAllText(path, "\uFEFF" + QuoteHeader + "\r\n1,AAPL,1,2,3,4\r\n\r\n2,MSFT,1,2,3,4\r\n3,AAPL,5,6,7,8", new UTF8Encoding(false));

        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal([1L, 2, 3], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.True(!e.IsRejectedAtSource));
        Assert.Equal(Quantity.Parse("8"), events[2].Quote.AskSize); // no '\r' left on the last field
        Assert.Equal(1, source.Stats.BlankLines);
        Assert.Equal(3, source.Stats.Rows);
    }

    [Fact]
    public void SmallBuffer_RowsAcrossRefills_ReadIdentically()
    {
        var rows = ReplayTestFiles.GenerateRows(InputEventKind.Quote, 2_000, seed: 1);
        var path = files.WriteCsv("many.csv", QuoteHeader, rows);

        var big = Read(path).Select(e => ReplayTestFiles.Describe(e)).ToList();
        var small = Read(path, buffer: new byte[CsvEventSource.MinBufferSize + 37]).Select(e => ReplayTestFiles.Describe(e)).ToList();

        Assert.Equal(2_000, big.Count);
        Assert.Equal(big, small);
    }

    [Fact]
    public void LineLongerThanBuffer_IsOneMalformedRow_AndReadingContinues()
    {
        var longSymbol = new string('X', 500);
        var path = files.WriteCsv("long.csv", QuoteHeader, ["1,AAPL,1,2,3,4", $"2,{longSymbol},1,2,3,4", "3,AAPL,1,2,3,4", $"4,{longSymbol},1,2,3,4"]);

        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, buffer: new byte[128]);
        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(4, events.Count);
        Assert.Equal([MarketDataRejectReason.None, MarketDataRejectReason.MalformedRecord, MarketDataRejectReason.None, MarketDataRejectReason.MalformedRecord], events.Select(e => e.Reject));
        Assert.Equal(3, events[2].Timestamp);
        Assert.Equal([3L, 5], source.Stats.Errors.Select(e => e.Line));
        Assert.Contains("longer than the read buffer", source.Stats.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,AAPL,1,2,3", MarketDataRejectReason.MalformedRecord, 0, 0, "expected 6 fields")] // too few fields
    [InlineData("1,AAPL,1,2,3,4,5", MarketDataRejectReason.MalformedRecord, 0, 0, "found more than 6")]
    [InlineData("1,AAPL,1,2,3,4,5,6,7,8,9", MarketDataRejectReason.MalformedRecord, 0, 0, "expected 6 fields")]
    [InlineData("abc,AAPL,1,2,3,4", MarketDataRejectReason.MalformedRecord, 0, 1, "timestamp: not a timestamp")]
    [InlineData("2026-02-30T00:00:00Z,AAPL,1,2,3,4", MarketDataRejectReason.MalformedRecord, 0, 1, "timestamp")]
    [InlineData("7,AAPL,1.2.3,2,3,4", MarketDataRejectReason.MalformedRecord, 7, 3, "bid: not a number")]
    [InlineData("7,AAPL,1,2,x,4", MarketDataRejectReason.MalformedRecord, 7, 5, "bid_size: not a number")]
    [InlineData("7,AAPL,1,2,3,1.123456789", MarketDataRejectReason.MalformedRecord, 7, 6, "ask_size")] // 9 decimals
    [InlineData("7,AAPL, 1,2,3,4", MarketDataRejectReason.MalformedRecord, 7, 3, "bid")] // no whitespace
    [InlineData("7,AAPL,,2,3,4", MarketDataRejectReason.MalformedRecord, 7, 3, "bid")] // empty number
    [InlineData("7,AAPL,NaN,2,3,4", MarketDataRejectReason.NonFinitePrice, 7, 3, "bid: not a finite number")]
    [InlineData("7,AAPL,1,Infinity,3,4", MarketDataRejectReason.NonFinitePrice, 7, 4, "ask")]
    [InlineData("7,AAPL,1,-inf,3,4", MarketDataRejectReason.NonFinitePrice, 7, 4, "ask")]
    [InlineData("7,NOPE,1,2,3,4", MarketDataRejectReason.UnknownInstrument, 7, 2, "symbol: unknown symbol: 'NOPE'")]
    [InlineData("7,aapl,1,2,3,4", MarketDataRejectReason.UnknownInstrument, 7, 2, "unknown symbol")] // case-sensitive
    [InlineData("7,,1,2,3,4", MarketDataRejectReason.UnknownInstrument, 7, 2, "unknown symbol")]
    public void BadQuoteRows_AreRejectedWithTheirReason_AndRecorded(string row, MarketDataRejectReason reason, long timestamp, int column, string message)
    {
        var path = files.WriteCsv("bad.csv", QuoteHeader, ["1,AAPL,1,2,3,4", row, "9,MSFT,1,2,3,4"]);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, source: 2);

        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(3, events.Count);
        var bad = events[1];
        Assert.Equal(reason, bad.Reject);
        Assert.Equal(InputEventKind.Quote, bad.Kind);
        Assert.Equal((ushort)2, bad.Source);
        Assert.Equal(timestamp, bad.Timestamp);
        var expectedInstrument = reason == MarketDataRejectReason.NonFinitePrice ? Id("AAPL") : InstrumentId.None;
        Assert.Equal(expectedInstrument, bad.Instrument);
        Assert.Equal(default, bad.Quote); // no half-parsed payload
        Assert.True(!events[2].IsRejectedAtSource); // the feed keeps going
        Assert.Equal(9, events[2].Timestamp);

        Assert.Equal(3, source.Stats.Rows);
        Assert.Equal(1, source.Stats.Rejected);
        Assert.Equal(1, source.Stats.RejectedFor(reason));
        var error = Assert.Single(source.Stats.Errors);
        Assert.Equal((path, 3L, column, reason), (error.File, error.Line, error.Column, error.Reason));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,AAPL,1,2,X", "side must be B, S or empty")]
    [InlineData("1,AAPL,1,2,BUY", "side")]
    public void BadTradeSide_IsMalformed(string row, string message)
    {
        var path = files.WriteCsv("bad-side.csv", "timestamp,symbol,price,size,side", [row]);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var evt = Assert.Single(ReplayTestFiles.ReadEvents(source));
        Assert.Equal(MarketDataRejectReason.MalformedRecord, evt.Reject);
        Assert.Contains(message, source.Stats.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(5, source.Stats.Errors[0].Column);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-60")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void BadBarInterval_IsMalformed(string interval)
    {
        var path = files.WriteCsv("bad-bar.csv", "timestamp,symbol,open,high,low,close,volume,interval_seconds", [$"1,SPX,1,2,0.5,1.5,10,{interval}"]);
        var evt = Assert.Single(Read(path));
        Assert.Equal(MarketDataRejectReason.MalformedRecord, evt.Reject);
        Assert.Equal(1, evt.Timestamp);
    }

    [Fact]
    public void ErrorDetails_AreCappedAt100_ButEveryRejectIsCounted()
    {
        var rows = Enumerable.Range(1, 250).Select(i => $"{i},AAPL,oops,2,3,4");
        var path = files.WriteCsv("errors.csv", QuoteHeader, rows);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);

        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(250, events.Count);
        Assert.Equal(250, source.Stats.RejectedFor(MarketDataRejectReason.MalformedRecord));
        Assert.Equal(EventSourceStats.MaxRecordedErrors, source.Stats.Errors.Count);
        Assert.Equal(Enumerable.Range(2, 100).Select(i => (long)i), source.Stats.Errors.Select(e => e.Line));
        Assert.StartsWith($"{path}:2:3: MalformedRecord: bid: not a number", source.Stats.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timestamp,symbol,bid,ask,bid_size,ask_size", InputEventKind.Quote)]
    [InlineData("Timestamp, Symbol ,BID,ask,bid_size,ask_size", InputEventKind.Quote)]
    [InlineData("timestamp,symbol,price,size", InputEventKind.Trade)]
    [InlineData("timestamp,symbol,price,size,side", InputEventKind.Trade)]
    [InlineData("timestamp,symbol,open,high,low,close,volume,interval_seconds", InputEventKind.Bar)]
    [InlineData("timestamp,symbol,value", InputEventKind.Reference)]
    public void Header_DetectsTheKind(string header, InputEventKind kind)
    {
        var path = files.WriteCsv("h.csv", [header]);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        Assert.Equal(kind, source.Kind);
        var evt = default(InputEvent);
        Assert.False(source.TryRead(ref evt)); // header only: no events
    }

    [Theory]
    [InlineData("timestamp,symbol,bid,ask", "not a known replay layout")]
    [InlineData("symbol,timestamp,value", "not a known replay layout")]
    [InlineData("1,AAPL,1,2,3,4", "not a known replay layout")]
    [InlineData("", "not a known replay layout")]
    public void Header_Unknown_NamesFileAndExpectedLayouts(string header, string message)
    {
        var path = files.WriteCsv("bad-header.csv", [header]);
        var ex = Assert.Throws<ReplayFormatException>(() => new CsvEventSource(path, ReplayTestFiles.Symbols));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Contains("timestamp,symbol,bid,ask,bid_size,ask_size", ex.Message, StringComparison.Ordinal);
        Assert.Contains("timestamp,symbol,open,high,low,close,volume,interval_seconds", ex.Message, StringComparison.Ordinal);
        Assert.Equal(path, ex.File);
    }

    [Fact]
    public void Header_NotMatchingTheExplicitKind_NamesTheExpectedColumns()
    {
        var path = files.WriteCsv("trades-as-quotes.csv", ["timestamp,symbol,price,size"]);
        var ex = Assert.Throws<ReplayFormatException>(() => new CsvEventSource(path, ReplayTestFiles.Symbols, InputEventKind.Quote));
        Assert.Contains($"{path}:1: header 'timestamp,symbol,price,size' is not a Quote layout; expected 'timestamp,symbol,bid,ask,bid_size,ask_size'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFile_IsAHeaderError()
    {
        var path = files.Path("empty.csv");
        File.WriteAllBytes(path, []);
        var ex = Assert.Throws<ReplayFormatException>(() => new CsvEventSource(path, ReplayTestFiles.Symbols, InputEventKind.Bar));
        Assert.Contains("the file is empty; expected a header row: 'timestamp,symbol,open,high,low,close,volume,interval_seconds'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposed_SourceRefusesToRead()
    {
        var path = files.WriteCsv("d.csv", QuoteHeader, ["1,AAPL,1,2,3,4"]);
        var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        source.Dispose();
        var evt = default(InputEvent);
        Assert.Throws<ObjectDisposedException>(() => source.TryRead(ref evt));
    }

    [Fact]
    public void ReadingRows_AllocatesNothingPerRow()
    {
        const int Rows = 150_000;
        const int WarmUp = 10_000;
        var rows = ReplayTestFiles.GenerateRows(InputEventKind.Quote, Rows, seed: 5);
        rows[100] = "1,NOPE,1,2,3,4"; // every reject path is warmed before the measured window
        rows[200] = "1,AAPL,1,NaN,3,4";
        rows[300] = "x,AAPL,1,2,3,4";
        var path = files.WriteCsv("alloc.csv", QuoteHeader, rows);

        // A small buffer so that the window includes many refills and line carry-overs.
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols, buffer: new byte[64 * 1024]);
        var evt = default(InputEvent);
        for (int i = 0; i < WarmUp; i++)
        {
            Assert.True(source.TryRead(ref evt));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = 0;
        long checksum = 0;
        while (source.TryRead(ref evt))
        {
            read++;
            checksum += evt.Quote.Bid.Raw;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Rows - WarmUp, read);
        Assert.NotEqual(0, checksum);
        Assert.Equal(3, source.Stats.Rejected);

        // Less than a byte per row: a one-off of the runtime's (a tier-up compiling the loop under a loaded full run
        // once showed 2 472 bytes) passes, any allocation per row (≥ 24 bytes × 140 000) fails.
        AllocationAssert.NonePerOperation(allocated, read);
    }

    [Fact]
    public void RejectedRows_BeyondTheErrorCap_AllocateNothing()
    {
        var rows = Enumerable.Range(1, 100_000 + EventSourceStats.MaxRecordedErrors).Select(i => (i % 3) switch
        {
            0 => $"{i},NOPE,1,2,3,4",
            1 => $"{i},AAPL,NaN,2,3,4",
            _ => $"{i},AAPL,1,2,3",
        });
        var path = files.WriteCsv("alloc-bad.csv", QuoteHeader, rows);
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        var evt = default(InputEvent);
        for (int i = 0; i < EventSourceStats.MaxRecordedErrors; i++)
        {
            Assert.True(source.TryRead(ref evt));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = 0;
        while (source.TryRead(ref evt))
        {
            read++;
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, read);
        Assert.Equal(100_000, read);
        Assert.Equal(100_000 + EventSourceStats.MaxRecordedErrors, source.Stats.Rejected);
    }
}
