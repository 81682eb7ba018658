using MultiAsset.Host;

namespace MultiAsset.Host.Tests;

public class HostRunOptionsTests
{
    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("10s", 10)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("7", 7)]
    [InlineData("1.5s", 1.5)]
    public void ParseDuration_AcceptsUnits(string text, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), HostRunOptions.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("-1s")]
    [InlineData("0")]
    [InlineData("s")]
    public void ParseDuration_WhenInvalid_ThrowsNamingValue(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => HostRunOptions.ParseDuration(text));
        Assert.Contains($"invalid duration '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ReadsConfigAndDuration()
    {
        var options = HostRunOptions.Parse(["--config", "x.json", "--duration", "3s"]);
        Assert.Equal("x.json", options.ConfigPath);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Duration);
    }

    [Fact]
    public void Parse_ReadsRecoveryAndDigestFlags()
    {
        var options = HostRunOptions.Parse(["--recover-only", "--digest-at", "12345"]);
        Assert.True(options.RecoverOnly);
        Assert.Equal(12345, options.DigestAt);
        Assert.False(HostRunOptions.Parse([]).RecoverOnly);
        Assert.Null(HostRunOptions.Parse([]).DigestAt);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("12x")]
    [InlineData("")]
    public void Parse_WhenDigestSequenceInvalid_ThrowsNamingIt(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => HostRunOptions.Parse(["--digest-at", text]));
        Assert.Contains($"invalid sequence '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("--duration")]
    public void Parse_WhenArgumentUnknownOrValueMissing_Throws(string arg)
        => Assert.Throws<ArgumentException>(() => HostRunOptions.Parse([arg]));
}
