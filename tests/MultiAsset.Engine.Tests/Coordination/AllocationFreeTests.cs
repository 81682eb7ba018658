using MultiAsset.Engine.Coordination;
using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Coordination;

/// <summary>Per intent (sizing, conflicts, netting, publication, reallocation) the stage allocates nothing once warm.</summary>
public class AllocationFreeTests
{
    [Fact]
    public void Intents_AllocateNothing()
    {
        var config = new CoordinationConfig
        {
            ConflictResolution =
            [
                new ConflictRule { Condition = ConflictCondition.OpposingIntents, Resolution = ConflictResolution.Defer, AssetClass = AssetClass.Stock },
                new ConflictRule { Condition = ConflictCondition.ExposureOverlap, Resolution = ConflictResolution.Average, MaxNotional = 50_000 },
            ],
            CapitalAllocation = [new CapitalAllocationRule { Account = "default", Method = CapitalAllocationMethod.InverseVolatility }],
            ReallocationInterval = TimeSpan.FromSeconds(1),
        };
        var h = new CoordinationHarness(config, volatility: new FlatVolatility(), ringSize: 1 << 10);
        var a = h.Register("a", instruments: ["AAPL", "BTCUSD"]);
        var b = h.Register("b");
        var c = h.Register("c", account: "fx-carry");
        var symbols = new[] { "AAPL", "MSFT", "BTCUSD", "EURUSD", "SPY" };
        var batch = new IntentEvent[8];
        var time = 0L;

        void Run(int batches)
        {
            for (var n = 0; n < batches; n++)
            {
                for (var i = 0; i < batch.Length; i++)
                {
                    time += 100_000_000;
                    var symbol = symbols[(n + i) % symbols.Length];
                    var weight = ((n * 7) + (i * 3)) % 11 / 10.0 - 0.5;
                    batch[i] = (i % 4) switch
                    {
                        0 => h.Target(a, symbol, weight, 100 + (n % 5), time: time),
                        1 => h.Target(b, symbol, -weight, 100 + (n % 5), time: time),
                        2 => h.Trade(c, symbol, weight >= 0 ? OrderSide.Buy : OrderSide.Sell, 5, 100, time: time),
                        _ => h.ClassWeight(a, AssetClass.Stock, weight / 10, change: true, time: time),
                    };
                }

                for (var i = 0; i < batch.Length; i++)
                {
                    ref var intent = ref batch[i];
                    h.Stage.OnEvent(ref intent, (n * batch.Length) + i, endOfBatch: i == batch.Length - 1);
                }
            }
        }

        // The intents are built before measuring (the harness allocates nothing for them either; they are structs).
        Run(2_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AllocationAssert.NonePerOperation(allocated, 10_000L * batch.Length);
        Assert.True(h.Stage.LastOrderId > 10_000, $"only {h.Stage.LastOrderId} orders: the loop did not exercise the flush");
        Assert.True(h.Stage.Conflicts.Total > 1_000, "the loop did not exercise conflicts");
        Assert.True(h.Stage.Counters.Reallocations > 100, "the loop did not exercise reallocation");
    }

    private sealed class FlatVolatility : IInstrumentVolatility
    {
        public double Volatility(InstrumentId instrument, long lookbackNanoseconds) => 0.1 + (instrument.Value * 0.01);
    }
}
