using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Parses and binds an action (<c>Increase crypto allocation by 5%</c>, <c>Buy BTCUSD</c>, ...). Actions are short
/// fixed phrases, so one method per phrase keeps each error message specific to what was being read.
/// </summary>
internal sealed class RuleActionParser
{
    /// <summary>The "expected" text when the first word is not an action.</summary>
    public static readonly string ActionExpected = $"an action ({RuleVocabulary.ActionVerbs})";

    private const string AssetClassExpected = "an asset class (STOCK, FOREX, CRYPTO)";

    private readonly List<Token> tokens;
    private readonly Func<Token, InstrumentId> resolveTradable;
    private int position;

    private RuleActionParser(string text, Func<Token, InstrumentId> resolveTradable)
    {
        tokens = RuleParser.Tokens(text);
        this.resolveTradable = resolveTradable;
    }

    private Token Current => tokens[position];

    /// <summary>Parses <paramref name="text"/>; <paramref name="resolveTradable"/> binds a symbol token or throws.</summary>
    /// <exception cref="RuleSyntaxException">Not an action, or an unknown/untradable symbol.</exception>
    public static RuleAction Parse(string text, Func<Token, InstrumentId> resolveTradable)
    {
        var parser = new RuleActionParser(text, resolveTradable);
        var action = parser.ParseAction();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new RuleSyntaxException(parser.Current.Line, parser.Current.Column, "end of rule", parser.Current.Display);
        }

        return action;
    }

    private Token Next()
    {
        var token = tokens[position];
        if (position < tokens.Count - 1)
        {
            position++;
        }

        return token;
    }

    private void ExpectWord(string word)
    {
        if (!Current.Is(word))
        {
            throw new RuleSyntaxException(Current.Line, Current.Column, $"'{word}'", Current.Display);
        }

        Next();
    }

    private RuleAction ParseAction()
    {
        var verb = Current;
        if (verb.Is("increase") || verb.Is("decrease"))
        {
            Next();
            var assetClass = ExpectAssetClass();
            ExpectWord("allocation");
            ExpectWord("by");
            var amount = ExpectPercent(allowZero: false);
            return new RuleAction(
                verb.Is("increase") ? RuleActionKind.IncreaseAllocation : RuleActionKind.DecreaseAllocation,
                assetClass, InstrumentId.None, amount, null);
        }

        if (verb.Is("set"))
        {
            Next();
            var assetClass = ExpectAssetClass();
            ExpectWord("allocation");
            ExpectWord("to");
            return new RuleAction(RuleActionKind.SetAllocation, assetClass, InstrumentId.None, ExpectPercent(allowZero: true), null);
        }

        if (verb.Is("initiate"))
        {
            Next();
            ExpectWord("carry");
            ExpectWord("trade");
            AssetClass? hedge = null;
            if (Current.Is("with"))
            {
                Next();
                hedge = ExpectAssetClass();
                ExpectWord("hedge");
            }

            return new RuleAction(RuleActionKind.InitiateCarryTrade, null, InstrumentId.None, 0, hedge);
        }

        if (verb.Is("buy") || verb.Is("sell"))
        {
            Next();
            var instrument = resolveTradable(ExpectSymbol());
            return new RuleAction(verb.Is("buy") ? RuleActionKind.Buy : RuleActionKind.Sell, null, instrument, 0, null);
        }

        if (verb.Is("close"))
        {
            Next();
            if (Current.Is("all"))
            {
                Next();
                return new RuleAction(RuleActionKind.CloseAll, null, InstrumentId.None, 0, null);
            }

            if (Current.Kind != TokenKind.Identifier)
            {
                throw new RuleSyntaxException(Current.Line, Current.Column, "'all' or a symbol", Current.Display);
            }

            return new RuleAction(RuleActionKind.Close, null, resolveTradable(Next()), 0, null);
        }

        throw new RuleSyntaxException(verb.Line, verb.Column, ActionExpected, verb.Display);
    }

    private Token ExpectSymbol()
    {
        if (Current.Kind != TokenKind.Identifier)
        {
            throw new RuleSyntaxException(Current.Line, Current.Column, "a symbol", Current.Display);
        }

        return Next();
    }

    private AssetClass ExpectAssetClass()
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier && TryAssetClass(token.Text, out var assetClass))
        {
            Next();
            return assetClass;
        }

        throw new RuleSyntaxException(token.Line, token.Column, AssetClassExpected, token.Display);
    }

    // Prose synonyms: the seed writes "crypto allocation" and "equity hedge", the JSON writes "CRYPTO" and "STOCK".
    private static bool TryAssetClass(string word, out AssetClass assetClass)
    {
        if (AssetClassNames.TryParse(word, out assetClass))
        {
            return true;
        }

        switch (word.ToUpperInvariant())
        {
            case "STOCKS" or "EQUITY" or "EQUITIES":
                assetClass = AssetClass.Stock;
                return true;
            case "FX" or "CURRENCY" or "CURRENCIES":
                assetClass = AssetClass.Forex;
                return true;
            case "CRYPTOS" or "CRYPTOCURRENCY" or "CRYPTOCURRENCIES":
                assetClass = AssetClass.Crypto;
                return true;
            default:
                return false;
        }
    }

    private double ExpectPercent(bool allowZero)
    {
        var number = Current;
        if (number.Kind != TokenKind.Number)
        {
            throw new RuleSyntaxException(number.Line, number.Column, "a percentage (e.g. 5%)", number.Display);
        }

        // Allocations are always written as percentages; a bare 5 would be ambiguous (5% or 500%).
        var percent = tokens[Math.Min(position + 1, tokens.Count - 1)];
        if (percent.Kind != TokenKind.Percent)
        {
            throw new RuleSyntaxException(percent.Line, percent.Column, "'%'", percent.Display);
        }

        if (number.Value > 100 || (!allowZero && number.Value == 0))
        {
            throw new RuleSyntaxException(number.Line, number.Column, $"an allocation must be {(allowZero ? "between 0% and 100%" : "above 0% and at most 100%")}, not {number.Text}%");
        }

        Next();
        Next();
        return number.Value / 100;
    }
}
