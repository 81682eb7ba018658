using System.Globalization;
using System.Text;

namespace MultiAsset.Engine.Model;

/// <summary>
/// The one rule for names that come from outside (strategy ids and names, account ids, symbols in requests): 1 to
/// <see cref="MaxLength"/> characters, printable (letters, digits, punctuation, symbols, inner spaces), no control or
/// format characters, no lone surrogates, no leading or trailing space, no path separator and no <c>..</c>. Names end
/// up in file names, log lines, metric labels and terminal tables, where any of those does harm.
/// </summary>
public static class IdentifierRules
{
    /// <summary>Longest accepted identifier, in UTF-16 characters.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="text"/> is a valid identifier; otherwise <paramref name="reason"/> says why.</summary>
    public static bool IsValid(string? text, out string reason)
    {
        reason = string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            reason = "must not be empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            reason = $"has {text.Length} characters; at most {MaxLength} are allowed";
            return false;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            reason = "must not start or end with white space";
            return false;
        }

        if (text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal) || text.Contains("..", StringComparison.Ordinal))
        {
            reason = "must not contain '/', '\\' or '..'";
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!IsPrintable(text, i))
            {
                reason = $"has a non-printable character U+{(int)text[i]:X4} at index {i}";
                return false;
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid identifier.</summary>
    public static bool IsValid(string? text) => IsValid(text, out _);

    /// <summary><paramref name="text"/> shortened and with unprintable characters replaced, safe to quote in a message.</summary>
    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var builder = new StringBuilder(Math.Min(text.Length, 40) + 2);
        builder.Append('\'');
        for (var i = 0; i < text.Length && i < 40; i++)
        {
            builder.Append(char.IsControl(text[i]) || char.IsSurrogate(text[i]) ? '?' : text[i]);
        }

        builder.Append(text.Length > 40 ? "…'" : "'");
        return builder.ToString();
    }

    private static bool IsPrintable(string text, int index)
    {
        var c = text[index];
        if (c == ' ')
        {
            return true;
        }

        if (char.IsSurrogate(c))
        {
            if (!char.IsSurrogatePair(text, index))
            {
                return false;
            }

            return CharUnicodeInfo.GetUnicodeCategory(text, index) is not (UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse);
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
