using System.Text;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Tests.Model.Instruments;

public class InstrumentCatalogTests
{
    private static InstrumentCatalog Catalog => Calendars.Shipped;

    [Theory]
    [InlineData("AAPL")]
    [InlineData("EURUSD")]
    [InlineData("BTCUSD")]
    [InlineData("USD_RATE")]
    public void TryResolve_FromCharsAndUtf8_GivesTheSameId(string symbol)
    {
        Assert.True(Catalog.TryResolve(symbol.AsSpan(), out var fromChars));
        Assert.True(Catalog.TryResolveUtf8(Encoding.UTF8.GetBytes(symbol), out var fromUtf8));

        Assert.Equal(fromChars, fromUtf8);
        Assert.Equal(symbol, Catalog[fromChars].Symbol);
        Assert.Equal(symbol, Catalog.Symbols[fromChars.Value]);
    }

    [Fact]
    public void TryResolve_FromASliceOfAFeedLine_DoesNotNeedAString()
    {
        // A CSV row as a feed sees it: the symbol is a slice of the input buffer.
        ReadOnlySpan<byte> row = "1767225600000000000,ETHUSD,3000.25,3000.5"u8;
        var symbol = row[20..26];

        Assert.True(Catalog.TryResolveUtf8(symbol, out var id));
        Assert.Equal("ETHUSD", Catalog[id].Symbol);
    }

    [Theory]
    [InlineData("aapl")]     // case-sensitive
    [InlineData("AAPL ")]
    [InlineData("")]
    [InlineData("NOPE")]
    public void TryResolve_UnknownSymbol_ReturnsNone(string symbol)
    {
        Assert.False(Catalog.TryResolve(symbol.AsSpan(), out var id));
        Assert.Equal(InstrumentId.None, id);
        Assert.False(Catalog.TryResolveUtf8(Encoding.UTF8.GetBytes(symbol), out id));
        Assert.Equal(InstrumentId.None, id);
        Assert.False(Catalog.TryGet(symbol, out var instrument));
        Assert.Null(instrument);
    }

    [Fact]
    public void Groupings_PartitionTheCatalogue()
    {
        Assert.Equal(Catalog.Count, Enum.GetValues<AssetClass>().Sum(c => Catalog.OfClass(c).Count));
        Assert.Equal(Catalog.Count, Enum.GetValues<InstrumentKind>().Sum(k => Catalog.OfKind(k).Count));
        Assert.All(Catalog.OfClass(AssetClass.Crypto), i => Assert.Equal(AssetClass.Crypto, i.AssetClass));
        Assert.Equal(Catalog.Tradable, Catalog.OfKind(InstrumentKind.Tradable));
        Assert.Equal(Catalog.Instruments.Where(i => i.IsTradable).Select(i => i.Id), Catalog.Tradable.Select(i => i.Id));
    }

    [Fact]
    public void RateOf_GivesTheRateDifferentialOfAPair()
    {
        // What the carry strategy does: the pair's base and quote currencies → their policy-rate series.
        Assert.True(Catalog.TryGet("AUDJPY", out var pair));
        var baseRate = Catalog.RateOf(pair.BaseCurrency);
        var quoteRate = Catalog.RateOf(pair.QuoteCurrency);

        Assert.Equal("AUD_RATE", Catalog[baseRate].Symbol);
        Assert.Equal("JPY_RATE", Catalog[quoteRate].Symbol);
        Assert.Equal(InstrumentId.None, Catalog.RateOf("BTC"));
    }

    [Fact]
    public void Constructor_WhenIdsAreNotDense_Throws()
    {
        var aapl = Catalog.Instruments[0];
        var moved = new Instrument
        {
            Id = new InstrumentId(5),
            Symbol = aapl.Symbol,
            Name = aapl.Name,
            AssetClass = aapl.AssetClass,
            Kind = aapl.Kind,
            BaseCurrency = aapl.BaseCurrency,
            QuoteCurrency = aapl.QuoteCurrency,
            TickSize = aapl.TickSize,
            LotSize = aapl.LotSize,
            MinNotional = aapl.MinNotional,
            Sector = aapl.Sector,
            Country = aapl.Country,
            Calendar = aapl.Calendar,
        };

        Assert.Throws<ArgumentException>(() => new InstrumentCatalog([moved], Catalog.Calendars));
    }
}
