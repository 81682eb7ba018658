using MultiAsset.Engine.Signals.Rules;
using static MultiAsset.Engine.Tests.Signals.Rules.RuleTestFixture;

namespace MultiAsset.Engine.Tests.Signals.Rules;

public class TriggerEvaluationTests
{
    private const string SeedMomentum = "BTC momentum > 0.05 AND NASDAQ momentum > 0.03";
    private const string SeedCarry = "Interest rate differential > 2%";
    private const int Day = 86_400;

    private static bool Eval(string rule, FixedIndicatorSource source, RuleBindingContext? context = null)
        => Compiler.CompileTrigger(rule, context).Evaluate(source);

    [Theory]
    [InlineData(0.06, 0.04, true)]
    [InlineData(0.06, 0.02, false)]
    [InlineData(0.04, 0.04, false)]
    [InlineData(0.05, 0.04, false)] // strictly greater
    public void Seed_momentum_trigger(double btc, double nasdaq, bool expected)
    {
        var source = new FixedIndicatorSource()
            .Set("BTCUSD", IndicatorKind.Momentum, btc, Day)
            .Set("NASDAQ", IndicatorKind.Momentum, nasdaq, Day);
        Assert.Equal(expected, Eval(SeedMomentum, source));
    }

    [Theory]
    [InlineData(0.0435, 0.005, true)]
    [InlineData(0.0435, 0.0, true)] // a rate of exactly 0 is data, not "missing"
    [InlineData(0.02, 0.005, false)]
    [InlineData(0.025, 0.005, false)] // exactly 2%: not greater
    public void Seed_carry_trigger_uses_the_strategys_default_pair(double audRate, double jpyRate, bool expected)
    {
        var source = new FixedIndicatorSource().Set("AUD_RATE", IndicatorKind.Price, audRate).Set("JPY_RATE", IndicatorKind.Price, jpyRate);
        Assert.Equal(expected, Eval(SeedCarry, source, new RuleBindingContext { DefaultPair = "AUDJPY" }));
    }

    [Fact]
    public void Rate_differential_is_base_minus_quote()
    {
        var source = new FixedIndicatorSource().Set("EUR_RATE", IndicatorKind.Price, 0.02).Set("USD_RATE", IndicatorKind.Price, 0.045);
        Assert.True(Eval("interest rate differential of EURUSD < -2%", source));
        Assert.False(Eval("interest rate differential of EURUSD > 0", source));
    }

    [Fact]
    public void Or_binds_looser_than_and()
    {
        const string rule = "VIX > 25 OR SPY zscore(1h) < -2 AND NOT TLT momentum < 0";
        var source = new FixedIndicatorSource()
            .Set("VIX", IndicatorKind.Price, 30)
            .Set("SPY", IndicatorKind.ZScore, 0, 3600)
            .Set("TLT", IndicatorKind.Momentum, -0.01, Day);
        Assert.True(Eval(rule, source)); // VIX alone suffices
        Assert.False(Eval("(VIX > 25 OR SPY zscore(1h) < -2) AND NOT TLT momentum < 0", source));

        source.Set("VIX", IndicatorKind.Price, 20).Set("SPY", IndicatorKind.ZScore, -3, 3600).Set("TLT", IndicatorKind.Momentum, 0.01, Day);
        Assert.True(Eval(rule, source));
        source.Set("TLT", IndicatorKind.Momentum, -0.01, Day);
        Assert.False(Eval(rule, source));
    }

    [Fact]
    public void Not_binds_tighter_than_and()
    {
        var source = new FixedIndicatorSource().Set("VIX", IndicatorKind.Price, 20).Set("SPY", IndicatorKind.Price, 50);
        // (NOT VIX > 25) AND SPY > 100 = true AND false; NOT (VIX > 25 AND SPY > 100) would be true.
        Assert.False(Eval("NOT VIX > 25 AND SPY > 100", source));
        Assert.True(Eval("NOT (VIX > 25 AND SPY > 100)", source));
        Assert.True(Eval("NOT NOT VIX < 25", source));
    }

    [Fact]
    public void Keywords_and_indicator_names_are_case_insensitive()
    {
        var source = new FixedIndicatorSource()
            .Set("BTCUSD", IndicatorKind.Momentum, 0.06, Day)
            .Set("NASDAQ", IndicatorKind.Momentum, 0.04, Day);
        Assert.True(Eval("btc MOMENTUM > 0.05 and nasdaq Momentum > 0.03", source));
        Assert.True(Eval("btc momentum > 0.05 And Not nasdaq momentum < 0.03", source));
    }

    [Theory]
    [InlineData(0.015, true)]
    [InlineData(0.0149, false)]
    public void Percent_literals_are_fractions(double dailyReturn, bool expected)
    {
        var source = new FixedIndicatorSource().Set("EURUSD", IndicatorKind.Return, dailyReturn, Day);
        Assert.Equal(expected, Eval("EURUSD return(1d) >= 1.5%", source));
    }

    [Fact]
    public void Other_seed_indicators_read_what_they_name()
    {
        var source = new FixedIndicatorSource()
            .Set("EURUSD", IndicatorKind.Spread, 0.0001)
            .SetCorrelation("BTCUSD", "QQQ", 0.7)
            .Set("ETHUSD", IndicatorKind.Volatility, 0.8, 3600)
            .Set("AAPL", IndicatorKind.Vwap, 180)
            .Set("AAPL", IndicatorKind.Mid, 181)
            .Set("BTCUSD", IndicatorKind.Momentum, 0.1, 60)
            .Set("ETHUSD", IndicatorKind.Momentum, 0.05, 60);
        Assert.True(Eval("spread(EURUSD) < 0.0002", source));
        Assert.False(Eval("spread(EURUSD) < 0.00005", source));
        Assert.True(Eval("correlation(BTCUSD, QQQ) > 0.6", source));
        Assert.False(Eval("correlation(BTC, QQQ) > 0.75", source));
        Assert.True(Eval("ETH volatility(1h) > 50%", source));
        Assert.True(Eval("volatility(ETH, 1h) == 0.8", source));
        Assert.True(Eval("AAPL mid > AAPL vwap", source));
        Assert.True(Eval("BTC momentum(1m) > ETH momentum(1m)", source));
        Assert.True(Eval("AAPL vwap != 181", source));
    }

    [Fact]
    public void Default_timeframe_comes_from_the_binding_context_when_given()
    {
        var source = new FixedIndicatorSource().Set("BTCUSD", IndicatorKind.Momentum, 0.1, 3600);
        Assert.False(Eval("BTC momentum > 0.05", source)); // 1d: not set, NaN
        Assert.True(Eval("BTC momentum > 0.05", source, new RuleBindingContext { DefaultTimeframeSeconds = 3600 }));
    }

    [Theory]
    [InlineData("VIX > 25")]
    [InlineData("VIX != 25")]
    [InlineData("NOT VIX > 25")]
    [InlineData("NOT VIX == 25")]
    [InlineData("VIX > 25 OR NOT VIX > 25")]
    [InlineData("NOT (VIX > 25 AND BTC momentum > 0)")]
    [InlineData("interest rate differential of EURUSD > -100")]
    public void Missing_data_never_fires(string rule)
    {
        var source = new FixedIndicatorSource().Set("BTCUSD", IndicatorKind.Momentum, 1, Day).Set("EUR_RATE", IndicatorKind.Price, 0.02);
        Assert.False(Eval(rule, source));
    }

    [Fact]
    public void Known_values_decide_around_missing_ones()
    {
        var source = new FixedIndicatorSource().Set("SPY", IndicatorKind.Price, 500);
        Assert.True(Eval("SPY > 100 OR VIX > 25", source)); // true OR unknown = true
        Assert.False(Eval("SPY > 100 AND VIX > 25", source)); // true AND unknown = unknown
        Assert.True(Eval("NOT (SPY < 100 AND VIX > 25)", source)); // NOT (false AND unknown) = NOT false
    }

    [Fact]
    public void Compiled_trigger_lists_the_instruments_it_reads()
    {
        var trigger = Compiler.CompileTrigger("BTC momentum > 0.05 AND correlation(BTC, QQQ) > 0.5 OR interest rate differential of EURUSD > 0");
        Assert.Equal(
            new[] { Id("BTCUSD"), Id("QQQ"), Id("EUR_RATE"), Id("USD_RATE") },
            trigger.Instruments);
    }
}
