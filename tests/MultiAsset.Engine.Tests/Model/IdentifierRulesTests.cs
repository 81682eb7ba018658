using FsCheck;
using FsCheck.Xunit;
using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Tests.Model;

public sealed class IdentifierRulesTests
{
    [Theory]
    [InlineData("crypto-tech")]
    [InlineData("Crypto-Tech Momentum")]
    [InlineData("BTCUSD")]
    [InlineData("a.b_c:d")]
    [InlineData("Zürich Fonds €")]
    [InlineData("😀 smile")]
    public void Printable_names_are_identifiers(string text) => Assert.True(IdentifierRules.IsValid(text, out var reason), reason);

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("\u0000", "non-printable character U+0000")]
    [InlineData("a\tb", "non-printable")]
    [InlineData("a\u200Bb", "non-printable character U+200B")]
    [InlineData("../../etc/passwd", "'/'")]
    [InlineData("a\\b", "'/'")]
    [InlineData("..", "'..'")]
    [InlineData(" lead", "white space")]
    [InlineData("trail ", "white space")]
    public void Empty_unprintable_and_path_like_names_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(IdentifierRules.IsValid(text, out var actual));
        Assert.Contains(reason, actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Built at run time: attribute strings cannot carry a lone surrogate.
        Assert.False(IdentifierRules.IsValid(new string([(char)0xD800, 'x']), out var reason));
        Assert.Contains("U+D800", reason, StringComparison.Ordinal);
        Assert.False(IdentifierRules.IsValid(new string(['x', (char)0xDC00])));
    }

    [Fact]
    public void The_length_is_bounded()
    {
        Assert.True(IdentifierRules.IsValid(new string('x', IdentifierRules.MaxLength)));
        Assert.False(IdentifierRules.IsValid(new string('x', IdentifierRules.MaxLength + 1), out var reason));
        Assert.Contains("at most 128", reason, StringComparison.Ordinal);
    }

    [Property]
    public bool No_identifier_contains_a_control_character_or_a_path_separator(NonNull<string> text)
        => !IdentifierRules.IsValid(text.Get) || !text.Get.Any(c => char.IsControl(c) || c is '/' or '\\');

    [Fact]
    public void Quote_is_short_and_printable()
    {
        Assert.Equal("'a?b'", IdentifierRules.Quote("a\u0000b"));
        Assert.Equal("'" + new string('x', 40) + "…'", IdentifierRules.Quote(new string('x', 100_000)));
    }
}
