namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Recursive-descent parser of triggers (precedence NOT &gt; AND &gt; OR, left-associative, parentheses group).
/// Purely syntactic: names of indicators and symbols are checked later by <see cref="RuleCompiler"/>, so that an
/// unknown name is reported as such rather than as a confusing "expected ..." error.
/// </summary>
internal sealed class RuleParser
{
    /// <summary>The "expected" text of a missing comparison operator.</summary>
    public const string ComparisonExpected = "a comparison operator (>, >=, <, <=, ==, !=)";

    /// <summary>The "expected" text of a missing operand.</summary>
    public const string OperandExpected = "an indicator, symbol or number";

    private readonly List<Token> tokens;
    private int position;

    private RuleParser(string text) => tokens = RuleLexer.Tokenize(text);

    private Token Current => tokens[position];

    /// <summary>Parses a whole trigger.</summary>
    /// <exception cref="RuleSyntaxException">The text is not a trigger.</exception>
    public static TriggerNode ParseTrigger(string text)
    {
        var parser = new RuleParser(text);
        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new RuleSyntaxException(parser.Current.Line, parser.Current.Column, "AND, OR or end of rule", parser.Current.Display);
        }

        return node;
    }

    /// <summary>Tokenises an action for <see cref="RuleActionParser"/>.</summary>
    public static List<Token> Tokens(string text) => RuleLexer.Tokenize(text);

    /// <summary>Whether the token is one of the reserved words AND, OR, NOT.</summary>
    public static bool IsKeyword(Token token) => RuleVocabulary.IsKeyword(token);

    private Token Peek(int ahead) => tokens[Math.Min(position + ahead, tokens.Count - 1)];

    private Token Next()
    {
        var token = tokens[position];
        if (position < tokens.Count - 1)
        {
            position++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string expected)
    {
        if (Current.Kind != kind)
        {
            throw new RuleSyntaxException(Current.Line, Current.Column, expected, Current.Display);
        }

        return Next();
    }

    private Token ExpectSymbol()
    {
        if (Current.Kind != TokenKind.Identifier || IsKeyword(Current))
        {
            throw new RuleSyntaxException(Current.Line, Current.Column, "a symbol", Current.Display);
        }

        return Next();
    }

    private TriggerNode ParseOr()
    {
        var left = ParseAnd();
        while (Current.Is("OR"))
        {
            Next();
            left = new LogicalNode(false, left, ParseAnd(), left.Line, left.Column);
        }

        return left;
    }

    private TriggerNode ParseAnd()
    {
        var left = ParseNot();
        while (Current.Is("AND"))
        {
            Next();
            left = new LogicalNode(true, left, ParseNot(), left.Line, left.Column);
        }

        return left;
    }

    private TriggerNode ParseNot()
    {
        var start = Current;
        if (start.Is("NOT"))
        {
            Next();
            return new NotNode(ParseNot(), start.Line, start.Column);
        }

        if (start.Kind == TokenKind.LeftParen)
        {
            Next();
            var inner = ParseOr();
            Expect(TokenKind.RightParen, "')', AND or OR");
            return inner;
        }

        return ParseComparison();
    }

    private ComparisonNode ParseComparison()
    {
        var left = ParseValue();
        var op = Current.Kind switch
        {
            TokenKind.Greater => ComparisonOperator.Greater,
            TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
            TokenKind.Less => ComparisonOperator.Less,
            TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            TokenKind.Equal => ComparisonOperator.Equal,
            TokenKind.NotEqual => ComparisonOperator.NotEqual,
            _ => throw new RuleSyntaxException(Current.Line, Current.Column, ComparisonExpected, Current.Display),
        };
        Next();
        var right = ParseValue();
        return new ComparisonNode(left, op, right, left.Line, left.Column);
    }

    private ValueNode ParseValue()
    {
        var start = Current;
        switch (start.Kind)
        {
            case TokenKind.Minus:
                Next();
                var number = Expect(TokenKind.Number, "a number");
                return new NumberNode(-ReadPercent(number.Value), start.Line, start.Column);
            case TokenKind.Number:
                Next();
                return new NumberNode(ReadPercent(start.Value), start.Line, start.Column);
            case TokenKind.Identifier when !IsKeyword(start):
                return ParseIndicator(start);
            default:
                throw new RuleSyntaxException(start.Line, start.Column, OperandExpected, start.Display);
        }
    }

    private double ReadPercent(double value)
    {
        if (Current.Kind != TokenKind.Percent)
        {
            return value;
        }

        Next();
        return value / 100;
    }

    private ValueNode ParseIndicator(Token start)
    {
        if (start.Is("interest") && Peek(1).Is("rate"))
        {
            Next();
            Next();
            if (!Current.Is("differential"))
            {
                throw new RuleSyntaxException(Current.Line, Current.Column, "'differential'", Current.Display);
            }

            Next();
            Token? pair = null;
            if (Current.Is("of"))
            {
                Next();
                pair = ExpectSymbol();
            }

            return new RateDifferentialNode(pair, start.Line, start.Column);
        }

        if (Peek(1).Kind == TokenKind.LeftParen)
        {
            // Function form: name(SYMBOL [, SYMBOL] [, TIMEFRAME]).
            var name = Next();
            Next();
            var symbol = ExpectSymbol();
            Token? other = null;
            Token? timeframe = null;
            if (Current.Kind == TokenKind.Comma)
            {
                Next();
                if (Current.Kind == TokenKind.Timeframe)
                {
                    timeframe = Next();
                }
                else
                {
                    other = ExpectSymbol();
                    if (Current.Kind == TokenKind.Comma)
                    {
                        Next();
                        timeframe = Expect(TokenKind.Timeframe, "a timeframe (e.g. 1h)");
                    }
                }
            }

            Expect(TokenKind.RightParen, other is null && timeframe is null ? "',' or ')'" : "')'");
            return new IndicatorNode(name, symbol, other, timeframe, start.Line, start.Column);
        }

        // Postfix form: SYMBOL [name [(TIMEFRAME)]]; a bare symbol reads its price/value.
        var subject = Next();
        if (Current.Kind != TokenKind.Identifier || IsKeyword(Current))
        {
            var price = new Token(TokenKind.Identifier, "price", 0, subject.Line, subject.Column);
            return new IndicatorNode(price, subject, null, null, start.Line, start.Column);
        }

        var indicator = Next();
        Token? frame = null;
        if (Current.Kind == TokenKind.LeftParen)
        {
            Next();
            frame = Expect(TokenKind.Timeframe, "a timeframe (e.g. 1h)");
            Expect(TokenKind.RightParen, "')'");
        }

        return new IndicatorNode(indicator, subject, null, frame, start.Line, start.Column);
    }
}
