using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.StrategyTypes;
using MultiAsset.Engine.Tests.Support;

namespace MultiAsset.Engine.Tests.Signals.StrategyTypes;

/// <summary>Properties every strategy type shares: parameter validation, no allocation per bar, digest determinism.</summary>
public sealed class StrategyTypesContractTests
{
    public static TheoryData<string, Action> InvalidParameters => new()
    {
        { "window", () => _ = new MeanReversionParameters(1, 2, 0.5) },
        { "entryZ", () => _ = new MeanReversionParameters(20, 0, 0) },
        { "exitZ", () => _ = new MeanReversionParameters(20, 1, 1) },
        { "positionSize", () => _ = new MeanReversionParameters(20, 2, 0.5, double.NaN) },
        { "lookback", () => _ = new MomentumParameters(0, 0.01) },
        { "targetVolatility", () => _ = new MomentumParameters(10, -0.01) },
        { "ewmaLambda", () => _ = new MomentumParameters(10, 0.01, ewmaLambda: 1) },
        { "maxPosition", () => _ = new MomentumParameters(10, 0.01, maxPosition: 0) },
        { "rebalanceThreshold", () => _ = new MomentumParameters(10, 0.01, rebalanceThreshold: -1) },
        { "window", () => _ = new PairsParameters(2, 2, 0.5, 3) },
        { "exitZ", () => _ = new PairsParameters(50, 2, 2.5, 3) },
        { "stopZ", () => _ = new PairsParameters(50, 2, 0.5, 2) },
        { "correlationFloor", () => _ = new CorrelationParameters(50, 1, 3, 3, 1) },
        { "gapLookback", () => _ = new CorrelationParameters(50, 0.5, 0, 3, 1) },
        { "exitK", () => _ = new CorrelationParameters(50, 0.5, 3, 3, 3) },
        { "feeBps", () => _ = new ArbitrageParameters(-1) },
        { "feeBps", () => _ = new ArbitrageParameters(10_000) },
        { "minNetEdgeBps", () => _ = new ArbitrageParameters(1, double.PositiveInfinity) },
        { "quantity", () => _ = new ArbitrageParameters(1, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void Invalid_parameters_name_the_parameter(string parameter, Action create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message, StringComparison.Ordinal);
    }

    /// <summary>All five algorithms driven together over the same deterministic series.</summary>
    private sealed class Book
    {
        private readonly StrategySignal[] output = new StrategySignal[3];
        private readonly MeanReversionStrategy meanReversion = new(new InstrumentId(0), new MeanReversionParameters(30, 1.5, 0.3));
        private readonly MomentumStrategy momentum = new(new InstrumentId(0), new MomentumParameters(20, 0.01, rebalanceThreshold: 0.1));
        private readonly PairsStrategy pairs = new(new InstrumentId(0), new InstrumentId(1), new PairsParameters(40, 1.5, 0.3, 4));
        private readonly CorrelationStrategy correlation = new(new InstrumentId(0), new InstrumentId(1), new CorrelationParameters(40, 0.3, 3, 1.5, 0.5));
        private readonly TriangularArbitrage triangle = new(new InstrumentId(2), new InstrumentId(3), new InstrumentId(4), new ArbitrageParameters(0.1));
        private readonly CrossVenueArbitrage venues = new(new InstrumentId(0), new InstrumentId(5), new ArbitrageParameters(0.1));
        private readonly DeterministicNoise noise;
        private double a = 100;
        private double b = 50;

        public Book(ulong seed) => noise = new DeterministicNoise(seed);

        public long Signals { get; private set; }

        public void Step(long t)
        {
            double common = noise.NextCentred();
            b *= 1 + (0.01 * common);
            a = (0.7 * a) + (0.3 * (20 + (1.6 * b))) + noise.NextCentred();
            double tri = 1 + (0.0004 * noise.NextCentred());
            Span<StrategySignal> span = output;
            Signals += meanReversion.OnBar(t, a, span);
            Signals += momentum.OnBar(t, a, span);
            Signals += pairs.OnBar(t, a, b, span);
            Signals += correlation.OnBar(t, a, b, span);
            Signals += triangle.OnQuotes(t, new BidAsk(1.1, 1.1001), new BidAsk(150, 150.01), new BidAsk(165 * tri, (165 * tri) + 0.01), span);
            Signals += venues.OnQuotes(t, new BidAsk(a - 0.01, a + 0.01), new BidAsk(a * tri, (a * tri) + 0.02), span);
        }

        public ulong Digest()
        {
            var digest = new StateDigestBuilder();
            meanReversion.AppendDigest(digest);
            momentum.AppendDigest(digest);
            pairs.AppendDigest(digest);
            correlation.AppendDigest(digest);
            triangle.AppendDigest(digest);
            venues.AppendDigest(digest);
            return digest.Digest;
        }
    }

    [Fact]
    public void Bars_allocate_nothing()
    {
        var book = new Book(5);
        for (int t = 0; t < 1_000; t++)
        {
            book.Step(t);
        }

        const int bars = 10_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 1_000; t < 1_000 + bars; t++)
        {
            book.Step(t);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AllocationAssert.NonePerOperation(allocated, bars);
        Assert.True(book.Signals > 0, "the series should exercise the signal paths");
    }

    [Fact]
    public void Same_input_gives_the_same_digest_and_different_input_a_different_one()
    {
        var first = new Book(9);
        var second = new Book(9);
        var other = new Book(10);
        for (int t = 0; t < 2_000; t++)
        {
            first.Step(t);
            second.Step(t);
            other.Step(t);
        }

        Assert.Equal(first.Digest(), second.Digest());
        Assert.Equal(first.Signals, second.Signals);
        Assert.NotEqual(first.Digest(), other.Digest());
    }
}
