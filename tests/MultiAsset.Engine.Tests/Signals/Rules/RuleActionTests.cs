using MultiAsset.Engine.Model;
using MultiAsset.Engine.Signals.Rules;
using static MultiAsset.Engine.Tests.Signals.Rules.RuleTestFixture;

namespace MultiAsset.Engine.Tests.Signals.Rules;

public class RuleActionTests
{
    [Fact]
    public void Seed_actions_compile()
    {
        Assert.Equal(
            new RuleAction(RuleActionKind.IncreaseAllocation, AssetClass.Crypto, InstrumentId.None, 0.05, null),
            Compiler.CompileAction("Increase crypto allocation by 5%"));
        Assert.Equal(
            new RuleAction(RuleActionKind.InitiateCarryTrade, null, InstrumentId.None, 0, AssetClass.Stock),
            Compiler.CompileAction("Initiate carry trade with equity hedge"));
    }

    [Fact]
    public void Other_actions_compile()
    {
        Assert.Equal(
            new RuleAction(RuleActionKind.DecreaseAllocation, AssetClass.Stock, InstrumentId.None, 0.10, null),
            Compiler.CompileAction("Decrease STOCK allocation by 10%"));
        Assert.Equal(
            new RuleAction(RuleActionKind.SetAllocation, AssetClass.Forex, InstrumentId.None, 0.60, null),
            Compiler.CompileAction("Set FOREX allocation to 60%"));
        Assert.Equal(
            new RuleAction(RuleActionKind.SetAllocation, AssetClass.Forex, InstrumentId.None, 0, null),
            Compiler.CompileAction("set fx allocation to 0%"));
        Assert.Equal(new RuleAction(RuleActionKind.Buy, null, Id("BTCUSD"), 0, null), Compiler.CompileAction("Buy BTCUSD"));
        Assert.Equal(new RuleAction(RuleActionKind.Buy, null, Id("ETHUSD"), 0, null), Compiler.CompileAction("buy ETH"));
        Assert.Equal(new RuleAction(RuleActionKind.Sell, null, Id("EURUSD"), 0, null), Compiler.CompileAction("Sell EURUSD"));
        Assert.Equal(new RuleAction(RuleActionKind.Close, null, Id("TLT"), 0, null), Compiler.CompileAction("Close TLT"));
        Assert.Equal(new RuleAction(RuleActionKind.CloseAll, null, InstrumentId.None, 0, null), Compiler.CompileAction("Close all"));
        Assert.Equal(
            new RuleAction(RuleActionKind.InitiateCarryTrade, null, InstrumentId.None, 0, null),
            Compiler.CompileAction("Initiate carry trade"));
    }

    [Theory]
    [InlineData("Increase crypto allocation 5%", "1:28: expected 'by' but found '5'")]
    [InlineData("Increase bonds allocation by 5%", "1:10: expected an asset class (STOCK, FOREX, CRYPTO) but found 'bonds'")]
    [InlineData("Increase crypto allocation by 5", "1:32: expected '%' but found end of rule")]
    [InlineData("Increase crypto allocation by five", "1:31: expected a percentage (e.g. 5%) but found 'five'")]
    [InlineData("Increase crypto allocation by 0%", "1:31: an allocation must be above 0% and at most 100%, not 0%")]
    [InlineData("Set FOREX allocation to 160%", "1:25: an allocation must be between 0% and 100%, not 160%")]
    [InlineData("Increase crypto allocation by 5% now", "1:34: expected end of rule but found 'now'")]
    [InlineData("Initiate carry trade with equity", "1:33: expected 'hedge' but found end of rule")]
    [InlineData("Initiate momentum trade", "1:10: expected 'carry' but found 'momentum'")]
    [InlineData("Hold BTCUSD", "1:1: expected an action (Increase, Decrease, Set, Initiate, Buy, Sell, Close) but found 'Hold'")]
    [InlineData("Buy", "1:4: expected a symbol but found end of rule")]
    [InlineData("Buy XYZ", "1:5: unknown symbol 'XYZ'")]
    [InlineData("Buy NASDAQ", "1:5: 'NASDAQ' is a reference series (Index), not a tradable instrument")]
    [InlineData("Close 5%", "1:7: expected 'all' or a symbol but found '5'")]
    public void Malformed_actions_give_position_and_reason(string rule, string message)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => Compiler.CompileAction(rule));
        Assert.Equal(message, error.Message);
    }
}
