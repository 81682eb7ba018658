using System.Globalization;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Splits rule text into tokens with 1-based line/column positions. Runs once per rule at compile time, so it favours
/// clear errors over speed.
/// </summary>
internal static class RuleLexer
{
    /// <summary>Tokenises <paramref name="text"/>; the list always ends with an <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="RuleSyntaxException">A character or number that no token can start with.</exception>
    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }

                i++;
            }

            var column = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, 0, line, column));
                return tokens;
            }

            var c = text[i];
            var start = i;
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], 0, line, column));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(text, ref i, line, column));
                continue;
            }

            i++;
            var next = i < text.Length ? text[i] : '\0';
            TokenKind kind;
            switch (c)
            {
                case '%': kind = TokenKind.Percent; break;
                case '(': kind = TokenKind.LeftParen; break;
                case ')': kind = TokenKind.RightParen; break;
                case ',': kind = TokenKind.Comma; break;
                case '-': kind = TokenKind.Minus; break;
                case '>' when next == '=': kind = TokenKind.GreaterOrEqual; i++; break;
                case '>': kind = TokenKind.Greater; break;
                case '<' when next == '=': kind = TokenKind.LessOrEqual; i++; break;
                case '<': kind = TokenKind.Less; break;
                case '=' when next == '=': kind = TokenKind.Equal; i++; break;
                case '!' when next == '=': kind = TokenKind.NotEqual; i++; break;
                case '=':
                    // A lone '=' is the most likely typo for '=='; say so rather than "unexpected character".
                    throw new RuleSyntaxException(line, column, "'=='", "'='");
                case '!':
                    throw new RuleSyntaxException(line, column, "'!='", "'!'");
                default:
                    throw new RuleSyntaxException(line, column, "a symbol, number, operator or parenthesis", $"'{c}'");
            }

            tokens.Add(new Token(kind, text[start..i], 0, line, column));
        }
    }

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.';

    private static Token ReadNumber(string text, ref int i, int line, int column)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integer = true;
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            integer = false;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        var numberEnd = i;
        while (i < text.Length && IsIdentifierPart(text[i]))
        {
            i++;
        }

        var value = double.Parse(text.AsSpan(start, numberEnd - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (i == numberEnd)
        {
            return new Token(TokenKind.Number, text[start..i], value, line, column);
        }

        // Digits glued to letters: only a timeframe (integer + one unit letter) is valid.
        var unit = i - numberEnd == 1 ? char.ToLowerInvariant(text[numberEnd]) : '\0';
        var seconds = unit switch
        {
            's' => 1L,
            'm' => 60L,
            'h' => 3_600L,
            'd' => 86_400L,
            'w' => 604_800L,
            _ => 0L,
        };
        if (!integer || seconds == 0 || value * seconds > int.MaxValue || value == 0)
        {
            throw new RuleSyntaxException(line, column, "a number or a timeframe (e.g. 1s, 5m, 1h, 1d)", $"'{text[start..i]}'");
        }

        return new Token(TokenKind.Timeframe, text[start..i], value * seconds, line, column);
    }
}
