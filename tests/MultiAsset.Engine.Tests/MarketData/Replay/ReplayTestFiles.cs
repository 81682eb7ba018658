using System.Globalization;
using System.Text;
using MultiAsset.Engine.MarketData.Replay;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.Tests.MarketData.Replay;

/// <summary>A temporary folder for generated replay files, deleted on dispose.</summary>
public sealed class ReplayTestFiles : IDisposable
{
    public static readonly SymbolTable Symbols = new(["AAPL", "MSFT", "EURUSD", "BTCUSD", "SPX", "USD_RATE"]);

    public ReplayTestFiles()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "replay-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Writes <paramref name="lines"/> joined by <paramref name="newline"/> (and a final one when asked).</summary>
    public string WriteCsv(string name, IEnumerable<string> lines, string newline = "\n", bool finalNewline = true)
    {
        var text = string.Join(newline, lines) + (finalNewline ? newline : string.Empty);
        var path = Path(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteCsv(string name, string header, IEnumerable<string> rows)
        => WriteCsv(name, new[] { header }.Concat(rows));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A still-open file on some platforms: leave the temp folder behind rather than fail the test.
        }
    }

    /// <summary>Reads a source to its end, as comparable text per event (every meaningful field).</summary>
    public static List<string> ReadAll(IEventSource source)
    {
        var result = new List<string>();
        var evt = default(InputEvent);
        while (source.TryRead(ref evt))
        {
            result.Add(Describe(evt));
        }

        return result;
    }

    /// <summary>Reads a source to its end as events.</summary>
    public static List<InputEvent> ReadEvents(IEventSource source)
    {
        var result = new List<InputEvent>();
        var evt = default(InputEvent);
        while (source.TryRead(ref evt))
        {
            result.Add(evt);
        }

        return result;
    }

    /// <summary>Every field of the event that means something for its kind.</summary>
    public static string Describe(in InputEvent evt)
    {
        var header = $"{evt.Kind} {evt.Reject} src={evt.Source} id={evt.Instrument.Value} t={evt.Timestamp}";
        return evt.Kind switch
        {
            InputEventKind.Quote => $"{header} {evt.Quote.Bid.Raw} {evt.Quote.Ask.Raw} {evt.Quote.BidSize.Raw} {evt.Quote.AskSize.Raw}",
            InputEventKind.Trade => $"{header} {evt.Trade.Price.Raw} {evt.Trade.Size.Raw} {evt.Trade.Aggressor}",
            InputEventKind.Bar => $"{header} {evt.Bar.Open.Raw} {evt.Bar.High.Raw} {evt.Bar.Low.Raw} {evt.Bar.Close.Raw} {evt.Bar.Volume.Raw} {evt.Bar.IntervalSeconds}",
            _ => $"{header} {evt.Reference.Value.Raw}",
        };
    }

    /// <summary>
    /// Deterministic rows of <paramref name="kind"/>: increasing timestamps (alternately integer ns and ISO text),
    /// prices with <paramref name="decimals"/> decimals.
    /// </summary>
    public static List<string> GenerateRows(InputEventKind kind, int count, int seed, int decimals = 4, long startNs = 1_772_461_800_000_000_000, bool isoTimestamps = true)
    {
        var random = new Random(seed);
        var rows = new List<string>(count);
        long t = startNs;
        long unit = Pow10(8 - decimals);
        string P(long raw) => FixedPoint.Format(raw / unit * unit);
        for (int i = 0; i < count; i++)
        {
            t += random.Next(1, 5_000_000);
            string ts = isoTimestamps && i % 2 == 1 ? Iso(t) : t.ToString(CultureInfo.InvariantCulture);
            string symbol = Symbols.Symbols[random.Next(Symbols.Count)];
            long mid = random.NextInt64(1_00000000, 50_000_00000000);
            long spread = random.NextInt64(1, 1_00000000);
            switch (kind)
            {
                case InputEventKind.Quote:
                    rows.Add($"{ts},{symbol},{P(mid)},{P(mid + spread)},{P(random.NextInt64(1, 1_000_00000000))},{P(random.NextInt64(1, 1_000_00000000))}");
                    break;
                case InputEventKind.Trade:
                    rows.Add($"{ts},{symbol},{P(mid)},{P(random.NextInt64(1, 1_000_00000000))},{(random.Next(3) switch { 0 => "B", 1 => "S", _ => string.Empty })}");
                    break;
                case InputEventKind.Bar:
                    rows.Add($"{ts},{symbol},{P(mid)},{P(mid + spread)},{P(mid - spread)},{P(mid + (spread / 2))},{P(random.NextInt64(0, 1_000_000_00000000))},{random.Next(1, 86_401)}");
                    break;
                default:
                    rows.Add($"{ts},{symbol},{P(random.NextInt64(-5_00000000, 5_00000000))}");
                    break;
            }
        }

        return rows;
    }

    public static string HeaderOf(InputEventKind kind) => kind switch
    {
        InputEventKind.Quote => "timestamp,symbol,bid,ask,bid_size,ask_size",
        InputEventKind.Trade => "timestamp,symbol,price,size,side",
        InputEventKind.Bar => "timestamp,symbol,open,high,low,close,volume,interval_seconds",
        _ => "timestamp,symbol,value",
    };

    /// <summary>ISO-8601 UTC text with all nine fraction digits.</summary>
    public static string Iso(long ns)
    {
        var dt = DateTime.UnixEpoch.AddTicks(Math.DivRem(ns, 100, out long rest) - (rest < 0 ? 1 : 0));
        long fraction = ((ns % 1_000_000_000) + 1_000_000_000) % 1_000_000_000;
        return dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    private static long Pow10(int n)
    {
        long v = 1;
        for (int i = 0; i < n; i++)
        {
            v *= 10;
        }

        return v;
    }
}
