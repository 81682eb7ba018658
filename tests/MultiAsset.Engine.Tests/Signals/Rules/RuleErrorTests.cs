using MultiAsset.Engine.Signals.Rules;
using static MultiAsset.Engine.Tests.Signals.Rules.RuleTestFixture;

namespace MultiAsset.Engine.Tests.Signals.Rules;

public class RuleErrorTests
{
    private const string Comparison = "expected a comparison operator (>, >=, <, <=, ==, !=)";
    private const string Operand = "expected an indicator, symbol or number";

    [Theory]
    [InlineData("BTC momentum 0.05", $"1:14: {Comparison} but found '0.05'")]
    [InlineData("BTC momentum > 0.05 AND", $"1:24: {Operand} but found end of rule")]
    [InlineData("BTC momentum > 0.05 AND AND", $"1:25: {Operand} but found 'AND'")]
    [InlineData("(VIX > 25", "1:10: expected ')', AND or OR but found end of rule")]
    [InlineData("VIX > 25)", "1:9: expected AND, OR or end of rule but found ')'")]
    [InlineData("VIX > 25 25", "1:10: expected AND, OR or end of rule but found '25'")]
    [InlineData("VIX >> 25", $"1:6: {Operand} but found '>'")]
    [InlineData("VIX = 25", "1:5: expected '==' but found '='")]
    [InlineData("VIX ! 25", "1:5: expected '!=' but found '!'")]
    [InlineData("VIX > $25", "1:7: expected a symbol, number, operator or parenthesis but found '$'")]
    [InlineData("VIX > - x", "1:9: expected a number but found 'x'")]
    [InlineData("NOT", $"1:4: {Operand} but found end of rule")]
    [InlineData("", $"1:1: {Operand} but found end of rule")]
    [InlineData("VIX AND SPY > 1", $"1:5: {Comparison} but found 'AND'")]
    [InlineData("BTC momentum(1x) > 0", "1:14: expected a number or a timeframe (e.g. 1s, 5m, 1h, 1d) but found '1x'")]
    [InlineData("BTC momentum(1.5h) > 0", "1:14: expected a number or a timeframe (e.g. 1s, 5m, 1h, 1d) but found '1.5h'")]
    [InlineData("BTC momentum(BTC) > 0", "1:14: expected a timeframe (e.g. 1h) but found 'BTC'")]
    [InlineData("correlation(BTC QQQ) > 0", "1:17: expected ',' or ')' but found 'QQQ'")]
    [InlineData("interest rate spread > 0", "1:15: expected 'differential' but found 'spread'")]
    [InlineData("VIX > 25\nAND SPY >", $"2:10: {Operand} but found end of rule")]
    public void Syntax_errors_give_position_expected_and_found(string rule, string message)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Compiler.CompileTrigger(rule));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Syntax_error_exposes_its_parts()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Compiler.CompileTrigger("BTC momentum > 0.05 AND\n  NASDAQ momentum 0.03"));
        Assert.Equal(2, error.Line);
        Assert.Equal(19, error.Column);
        Assert.Equal("a comparison operator (>, >=, <, <=, ==, !=)", error.Expected);
        Assert.Equal("'0.03'", error.Found);
    }

    [Theory]
    [InlineData("BTX momentum > 0.05", "1:1: unknown symbol 'BTX'")]
    [InlineData("BTC momentum > 0.05 AND NASDQ momentum > 0.03", "1:25: unknown symbol 'NASDQ'")]
    [InlineData("BTC momentom > 0.05", "1:5: unknown indicator 'momentom' (known: price, mid, spread, return, momentum, volatility, zscore, vwap, correlation)")]
    [InlineData("VIX > 25\nAND BTC momentom > 0", "2:9: unknown indicator 'momentom' (known: price, mid, spread, return, momentum, volatility, zscore, vwap, correlation)")]
    [InlineData("sharpe(SPY) > 1", "1:1: unknown indicator 'sharpe' (known: price, mid, spread, return, momentum, volatility, zscore, vwap, correlation)")]
    [InlineData("BTC momentum(4h) > 0", "1:14: timeframe '4h' is not configured (configured: 1s, 1m, 1h, 1d)")]
    [InlineData("zscore(SPY, 1w) < -2", "1:13: timeframe '1w' is not configured (configured: 1s, 1m, 1h, 1d)")]
    [InlineData("spread(EURUSD, 1h) < 1", "1:16: 'spread' takes no timeframe")]
    [InlineData("VIX vwap(1d) > 1", "1:10: 'vwap' takes no timeframe")]
    [InlineData("correlation(BTC) > 0.5", "1:1: correlation needs two symbols: correlation(A, B)")]
    [InlineData("BTC correlation > 0.5", "1:5: correlation needs two symbols: correlation(A, B)")]
    [InlineData("correlation(BTC, QQQX) > 0.5", "1:18: unknown symbol 'QQQX'")]
    [InlineData("momentum(BTC, ETH) > 0.5", "1:15: 'momentum' takes one symbol")]
    [InlineData("interest rate differential > 2%", "1:1: interest rate differential needs a currency pair: write 'interest rate differential of EURUSD' or give the strategy a default pair")]
    [InlineData("interest rate differential of BTCUSD > 0", "1:31: interest rate differential needs an FX pair, not 'BTCUSD'")]
    [InlineData("interest rate differential of EURXYZ > 0", "1:31: unknown symbol 'EURXYZ'")]
    public void Unknown_names_are_rejected_at_compile_time_with_their_position(string rule, string message)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Compiler.CompileTrigger(rule));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void An_unknown_default_pair_is_reported_at_the_differential()
    {
        var error = Assert.Throws<RuleSyntaxException>(
            () => Compiler.CompileTrigger("VIX > 25 AND Interest rate differential > 2%", new RuleBindingContext { DefaultPair = "EURXYZ" }));
        Assert.Equal("1:14: unknown symbol 'EURXYZ'", error.Message);
    }

    [Fact]
    public void Default_timeframe_must_be_configured()
    {
        Assert.Throws<ArgumentException>(() => new RuleCompiler(Catalog, [60, 3600], new RuleCompilerOptions()));
        var error = Assert.Throws<RuleSyntaxException>(
            () => Compiler.CompileTrigger("BTC momentum > 0", new RuleBindingContext { DefaultTimeframeSeconds = 300 }));
        Assert.Equal("1:5: timeframe '5m' is not configured (configured: 1s, 1m, 1h, 1d)", error.Message);
    }
}
