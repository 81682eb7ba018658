using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using Parquet;
using Parquet.Schema;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

public sealed class ParquetEventSourceTests : IDisposable
{
    private readonly ReplayTestFiles files = new();

    public void Dispose() => files.Dispose();

    private static List<string> ReadCsv(string path)
    {
        using var source = new CsvEventSource(path, ReplayTestFiles.Symbols);
        return ReplayTestFiles.ReadAll(source);
    }

    private static List<string> ReadParquet(string path, InputEventKind kind = InputEventKind.None)
    {
        using var source = ParquetEventSource.Open(path, ReplayTestFiles.Symbols, kind);
        return ReplayTestFiles.ReadAll(source);
    }

    [Theory]
    [InlineData(InputEventKind.Quote, ParquetNumberEncoding.Double, 4)]
    [InlineData(InputEventKind.Quote, ParquetNumberEncoding.Decimal, 8)]
    [InlineData(InputEventKind.Trade, ParquetNumberEncoding.Double, 4)]
    [InlineData(InputEventKind.Trade, ParquetNumberEncoding.Decimal, 8)]
    [InlineData(InputEventKind.Bar, ParquetNumberEncoding.Double, 2)]
    [InlineData(InputEventKind.Bar, ParquetNumberEncoding.Decimal, 8)]
    [InlineData(InputEventKind.Reference, ParquetNumberEncoding.Double, 6)]
    [InlineData(InputEventKind.Reference, ParquetNumberEncoding.Decimal, 8)]
    public void CsvAndItsParquetConversion_ReplayToTheIdenticalEventSequence(InputEventKind kind, ParquetNumberEncoding numbers, int decimals)
    {
        var csv = files.WriteCsv("data.csv", ReplayTestFiles.HeaderOf(kind), ReplayTestFiles.GenerateRows(kind, 2_500, seed: (int)kind, decimals));
        var parquet = files.Path("data.parquet");

        var stats = ParquetReplayWriter.ConvertCsv(csv, parquet, ReplayTestFiles.Symbols, new ParquetReplayWriterOptions { Numbers = numbers, RowGroupSize = 1_000 });
        var fromCsv = ReadCsv(csv);
        var fromParquet = ReadParquet(parquet);

        Assert.Equal(2_500, stats.Accepted);
        Assert.Equal(2_500, fromCsv.Count);
        Assert.Equal(fromCsv, fromParquet);
    }

    [Fact]
    public void ReadingRows_WithinARowGroup_AllocatesNothing()
    {
        const int Rows = 120_000;
        var csv = files.WriteCsv("big.csv", ReplayTestFiles.HeaderOf(InputEventKind.Trade), ReplayTestFiles.GenerateRows(InputEventKind.Trade, Rows, seed: 3));
        var parquet = files.Path("big.parquet");
        ParquetReplayWriter.ConvertCsv(csv, parquet, ReplayTestFiles.Symbols, new ParquetReplayWriterOptions { RowGroupSize = Rows });
        using var source = ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols);
        var evt = default(InputEvent);
        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(source.TryRead(ref evt)); // the first read loads the (only) row group
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int read = 0;
        while (source.TryRead(ref evt))
        {
            read++;
        }

        AllocationAssert.NonePerOperation(GC.GetAllocatedBytesForCurrentThread() - before, read);
        Assert.Equal(Rows - 1_000, read);
    }

    [Fact]
    public void ParquetTimestampColumn_IsReadAtHundredNanosecondResolution()
    {
        var csv = files.WriteCsv("q.csv", ReplayTestFiles.HeaderOf(InputEventKind.Quote), ReplayTestFiles.GenerateRows(InputEventKind.Quote, 500, seed: 9));
        var parquet = files.Path("q.parquet");
        ParquetReplayWriter.ConvertCsv(csv, parquet, ReplayTestFiles.Symbols, new ParquetReplayWriterOptions { Timestamps = ParquetTimestampEncoding.Timestamp });

        List<InputEvent> expected;
        using (var source = new CsvEventSource(csv, ReplayTestFiles.Symbols))
        {
            expected = ReplayTestFiles.ReadEvents(source);
        }

        using var parquetSource = ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols);
        var actual = ReplayTestFiles.ReadEvents(parquetSource);

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            e.Timestamp = e.Timestamp / 100 * 100;
            Assert.Equal(ReplayTestFiles.Describe(e), ReplayTestFiles.Describe(actual[i]));
        }
    }

    [Fact]
    public void BadCells_GiveTheSameRejectedEventsAsTheSameBadCsvRows()
    {
        var csv = files.WriteCsv("bad.csv", "timestamp,symbol,price,size,side",
            ["1,AAPL,10,1,B", "2,AAPL,NaN,1,S", "3,NOPE,10,1,", "4,MSFT,10,-Infinity,B", "5,MSFT,11,2,S"]);
        var parquet = files.Path("bad.parquet");
        WriteParquet(parquet,
            (new DataField<long>("timestamp"), new long[] { 1, 2, 3, 4, 5 }),
            (new DataField<string>("symbol"), new[] { "AAPL", "AAPL", "NOPE", "MSFT", "MSFT" }),
            (new DataField<double>("price"), new[] { 10, double.NaN, 10, 10, 11 }),
            (new DataField<double>("size"), new[] { 1, 1, 1, double.NegativeInfinity, 2 }),
            (new DataField<string>("side", true), new[] { "B", "S", null, "B", "S" }));

        var fromCsv = ReadCsv(csv);
        var fromParquet = ReadParquet(parquet);

        Assert.Equal(fromCsv, fromParquet);
        Assert.Equal(5, fromParquet.Count);
        Assert.Contains("NonFinitePrice", fromParquet[1], StringComparison.Ordinal);
        Assert.Contains("UnknownInstrument", fromParquet[2], StringComparison.Ordinal);
    }

    [Fact]
    public void NullAndOutOfRangeCells_AreMalformed_AndRecorded()
    {
        var parquet = files.Path("nulls.parquet");
        WriteParquet(parquet,
            (new DataField<long>("timestamp", true), new long?[] { 1, null, 3, 4, 5, 6, 7 }),
            (new DataField<string>("symbol", true), new[] { "SPX", "SPX", null, "SPX", "SPX", "SPX", "SPX" }),
            (new DataField<double>("open", true), new double?[] { 1, 1, 1, null, 1e20, 1, 1 }),
            (new DataField<double>("high"), new double[] { 2, 2, 2, 2, 2, 2, 2 }),
            (new DataField<double>("low"), new double[] { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 }),
            (new DataField<double>("close"), new double[] { 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5 }),
            (new DataField<long>("volume"), new long[] { 10, 10, 10, 10, 10, 10, 10 }),
            (new DataField<long>("interval_seconds"), new long[] { 60, 60, 60, 60, 60, 0, 60 }));

        using var source = ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols);
        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(InputEventKind.Bar, source.Kind);
        Assert.Equal(
            [MarketDataRejectReason.None, MarketDataRejectReason.MalformedRecord, MarketDataRejectReason.MalformedRecord, MarketDataRejectReason.MalformedRecord,
             MarketDataRejectReason.MalformedRecord, MarketDataRejectReason.MalformedRecord, MarketDataRejectReason.None],
            events.Select(e => e.Reject));
        Assert.Equal([1L, 0, 3, 4, 5, 6, 7], events.Select(e => e.Timestamp));
        Assert.All(events.Where(e => e.IsRejectedAtSource), e => Assert.Equal(InstrumentId.None, e.Instrument));
        Assert.Equal(Quantity.Parse("10"), events[6].Bar.Volume); // int64 volume scaled exactly
        Assert.Equal(60, events[6].Bar.IntervalSeconds);
        Assert.Equal(5, source.Stats.RejectedFor(MarketDataRejectReason.MalformedRecord));
        Assert.Equal([2L, 3, 4, 5, 6], source.Stats.Errors.Select(e => e.Line));
        Assert.Equal("timestamp: null value: 'null'", source.Stats.Errors[0].Message);
        Assert.Equal(1, source.Stats.Errors[0].Column);
        Assert.Equal("open: value out of range: '1E+20'", source.Stats.Errors[3].Message);
        Assert.Equal("interval_seconds: value out of range: '0'", source.Stats.Errors[4].Message);
    }

    [Fact]
    public void Columns_InAnyOrder_WithExtras_AndOtherTypes_AreRead()
    {
        var parquet = files.Path("reordered.parquet");
        WriteParquet(parquet,
            (new DataField<string>("venue"), new[] { "X", "Y" }),
            (new DataField<float>("ask_size"), new[] { 2.5f, 3f }),
            (new DataField<int>("bid_size"), new[] { 100, 200 }),
            (new DecimalDataField("ask", 18, 4), new[] { 1.2346m, 1.2347m }),
            (new DataField<double>("bid"), new[] { 1.2345, 1.2346 }),
            (new DataField<string>("SYMBOL"), new[] { "EURUSD", "EURUSD" }),
            (new DataField<long>("timestamp"), new long[] { 10, 20 }));

        using var source = ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols, InputEventKind.Quote, source: 4);
        var events = ReplayTestFiles.ReadEvents(source);

        Assert.Equal(2, events.Count);
        var q = events[1];
        Assert.Equal((Price.Parse("1.2346"), Price.Parse("1.2347"), Quantity.Parse("200"), Quantity.Parse("3")), (q.Quote.Bid, q.Quote.Ask, q.Quote.BidSize, q.Quote.AskSize));
        Assert.Equal((ushort)4, q.Source);
        Assert.Equal(20, q.Timestamp);
    }

    [Fact]
    public void MissingColumn_NamesTheFileAndTheExpectedColumns()
    {
        var parquet = files.Path("missing.parquet");
        WriteParquet(parquet,
            (new DataField<long>("timestamp"), new long[] { 1 }),
            (new DataField<string>("symbol"), new[] { "AAPL" }),
            (new DataField<double>("bid"), new[] { 1.0 }));

        var detect = Assert.Throws<ReplayFormatException>(() => ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols));
        var quote = Assert.Throws<ReplayFormatException>(() => ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols, InputEventKind.Quote));

        Assert.Contains(parquet, detect.Message, StringComparison.Ordinal);
        Assert.Contains("columns 'timestamp,symbol,bid' are not a known replay layout", detect.Message, StringComparison.Ordinal);
        Assert.Contains("expected columns 'timestamp,symbol,bid,ask,bid_size,ask_size'", quote.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedColumnType_IsAFormatError()
    {
        var parquet = files.Path("strings.parquet");
        WriteParquet(parquet,
            (new DataField<long>("timestamp"), new long[] { 1 }),
            (new DataField<string>("symbol"), new[] { "SPX" }),
            (new DataField<string>("value"), new[] { "5000" }));

        var ex = Assert.Throws<ReplayFormatException>(() => ParquetEventSource.Open(parquet, ReplayTestFiles.Symbols));
        Assert.Contains("column 'value' has type", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected double, float, decimal, int64 or int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAParquetFile_IsAFormatError()
    {
        var path = files.WriteCsv("not.parquet", ["timestamp,symbol,value", "1,SPX,1"]);
        var ex = Assert.Throws<ReplayFormatException>(() => ParquetEventSource.Open(path, ReplayTestFiles.Symbols));
        Assert.Contains("not a readable Parquet file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_RefusesRejectedEvents()
    {
        var evt = default(InputEvent);
        evt.SetQuote(new InstrumentId(0), 1, Price.Parse("1"), Price.Parse("2"), Quantity.Parse("1"), Quantity.Parse("1"));
        evt.Reject = MarketDataRejectReason.CrossedQuote;
        var ex = Assert.Throws<ArgumentException>(() => ParquetReplayWriter.Write(files.Path("x.parquet"), InputEventKind.Quote, [evt], ReplayTestFiles.Symbols.Symbols));
        Assert.Contains("Event #0 cannot be written as Quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyEventList_WritesAFileThatReplaysNothing()
    {
        var path = files.Path("empty.parquet");
        ParquetReplayWriter.Write(path, InputEventKind.Reference, [], ReplayTestFiles.Symbols.Symbols);
        using var source = ParquetEventSource.Open(path, ReplayTestFiles.Symbols);
        Assert.Equal(InputEventKind.Reference, source.Kind);
        Assert.Empty(ReplayTestFiles.ReadEvents(source));
    }

    private static void WriteParquet(string path, params (DataField Field, Array Values)[] columns)
        => Task.Run(async () =>
        {
            await using var stream = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream);
            using var group = writer.CreateRowGroup();
            foreach (var (field, values) in columns)
            {
                switch (values)
                {
                    case long[] a: await group.WriteAsync<long>(field, a); break;
                    case long?[] a: await group.WriteAsync<long>(field, a); break;
                    case int[] a: await group.WriteAsync<int>(field, a); break;
                    case double[] a: await group.WriteAsync<double>(field, a); break;
                    case double?[] a: await group.WriteAsync<double>(field, a); break;
                    case float[] a: await group.WriteAsync<float>(field, a); break;
                    case decimal[] a: await group.WriteAsync<decimal>(field, a); break;
                    case string?[] a: await group.WriteAsync(field, a!); break;
                    default: throw new NotSupportedException(values.GetType().Name);
                }
            }
        }).GetAwaiter().GetResult();
}
