using BenchmarkDotNet.Attributes;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Benchmarks.Journal;

/// <summary>
/// What an order event costs in the audit trail (issue 18: ≤ 200 ns, 0 B), per record, an input event ended every 4
/// records. The engine-thread figures append half a ring per invocation, so the engine never waits: the recorder
/// turning a risk verdict into a record and copying it into the ring, or the copy alone. The sustained figure appends
/// four rings' worth and waits until the writer thread sealed, chained (keyed) and wrote them all (async durability):
/// the trail's throughput, which the engine meets only if it produces order events more slowly.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class AuditTrailBenchmarks
{
    private const int Records = 262_144;

    /// <summary>Half the ring: the engine thread never waits for the writer, so only its own cost is measured.</summary>
    private const int Burst = AuditTrailOptions.DefaultCapacity / 2;
    private const int RecordsPerInput = 4;
    private static readonly byte[] ChainKey = "benchmark key"u8.ToArray();

    private string root = string.Empty;
    private AuditTrailWriter? trail;
    private AuditRecorder? recorder;
    private OrderEvent order;
    private AuditRecord prebuilt;
    private InputEvent tick;
    private Numbering numbering = new();

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("mae-audit-bench-").FullName;
        order = new OrderEvent
        {
            Type = OrderType.Limit,
            Side = OrderSide.Buy,
            Strategy = new StrategyId(3),
            Account = new AccountId(1),
            Instrument = new InstrumentId(7),
            Timestamp = 1_772_461_800_000_000_000,
            Quantity = Quantity.FromRaw(100 * Quantity.Scale),
            LimitPrice = Price.FromRaw(101 * Price.Scale),
            OrderId = 1,
            SourceSequence = 1,
            RiskVerdict = RiskVerdict.PositionLimit,
        };
        tick.SetReference(new InstrumentId(7), order.Timestamp, Price.FromRaw(101 * Price.Scale));
        prebuilt = AuditRecord.Of(AuditEventType.Fill, 1, order.Timestamp);
        prebuilt.OrderId = 1;
        prebuilt.Quantity = order.Quantity.Raw;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(root, recursive: true);

    [IterationSetup]
    public void Open()
    {
        var options = new AuditTrailOptions
        {
            Directory = Path.Combine(root, Guid.NewGuid().ToString("N")),
            Durability = JournalDurability.Async,
            HmacKey = ChainKey,
        };
        trail = AuditTrailWriter.Open(options, trailId: 1);
        numbering = new Numbering();
        recorder = new AuditRecorder(trail) { Chain = numbering };
    }

    [IterationCleanup]
    public void Close()
    {
        var directory = trail!.Options.Directory;
        trail.Flush(); // not measured in the engine-thread benchmarks
        trail.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Burst, Description = "Audit: engine thread, verdict → record → ring")]
    public long RecordVerdict() => Record(Burst, flush: false);

    [Benchmark(OperationsPerInvoke = Burst, Description = "Audit: engine thread, append a built record")]
    public long AppendRecord()
    {
        for (var i = 0; i < Burst; i++)
        {
            trail!.Append(in prebuilt);
            if ((i & (RecordsPerInput - 1)) == RecordsPerInput - 1)
            {
                trail.EndInput();
            }
        }

        return trail!.Records;
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "Audit: sustained, verdicts until written (writer-bound)")]
    public long Sustained() => Record(Records, flush: true);

    /// <summary><paramref name="count"/> verdicts, 4 per input event; with <paramref name="flush"/>, until the writer wrote them all.</summary>
    private long Record(int count, bool flush)
    {
        var comparison = new RiskComparison(501 * Quantity.Scale, 500 * Quantity.Scale, AuditValueUnit.Quantity);
        for (var i = 0; i < count; i++)
        {
            if ((i & (RecordsPerInput - 1)) == 0)
            {
                numbering.NextInputSequence++;
                recorder!.BeforeEvent(in tick);
            }

            order.OrderId = i + 1;
            recorder!.OrderChecked(in order, in comparison, order.Timestamp);
            if ((i & (RecordsPerInput - 1)) == RecordsPerInput - 1)
            {
                recorder.AfterEvent(numbering.NextInputSequence - 1);
            }
        }

        if (flush)
        {
            trail!.Flush();
        }

        return trail!.Records;
    }

    /// <summary>The chain's input numbering, as the recorder reads it.</summary>
    private sealed class Numbering : IEngineChain
    {
        public long NextInputSequence { get; set; }

        public long QuerySlots => 0;
    }
}
