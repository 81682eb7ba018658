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
    public void Parse_Until_ReadsAnInstantOrASpanAfterTheStart()
    {
        var instant = HostRunOptions.Parse(["--until", "2026-03-03T14:30:00Z"]).Until!;
        Assert.Equal((new DateTimeOffset(2026, 3, 3, 14, 30, 0, TimeSpan.Zero).UtcTicks - DateTime.UnixEpoch.Ticks) * 100, instant.Instant);
        Assert.Null(instant.AfterStart);

        var relative = HostRunOptions.Parse(["--until", "+1d"]).Until!;
        Assert.Null(relative.Instant);
        Assert.Equal(TimeSpan.FromDays(1), relative.AfterStart);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("+")]
    [InlineData("+-1d")]
    public void Parse_Until_WhenInvalid_ThrowsNamingValue(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => HostRunOptions.Parse(["--until", text]));
        Assert.Contains($"invalid --until '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Until_Apply_EndsTheSyntheticFeedADayAfterItsConfiguredStart()
    {
        var config = HostConfig.Load(null);
        var feed = Assert.IsType<MultiAsset.Engine.MarketData.Synthetic.SyntheticFeedDefinition>(Assert.Single(SimulatedEnd.Parse("+1d").Apply(config).MarketData.Feeds));

        Assert.Equal(feed.Options.StartNanoseconds + (86_400L * 1_000_000_000L), feed.EndNanoseconds);
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
