namespace MultiAsset.Cli.Tests;

/// <summary><c>--watch</c> against the real control server: the first frame arrives, then a cancellation (Ctrl-C) ends it with 0.</summary>
public sealed class WatchCommandsTests(CliControlServer fixture) : IClassFixture<CliControlServer>
{
    [Theory]
    [InlineData("accounts", "equity")]
    [InlineData("risk", "global kill switch")]
    [InlineData("positions", "averageCost")]
    public async Task Watch_RendersAFrame_AndCtrlCEndsWithZero(string command, string expected)
    {
        using var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        using var error = new StringWriter();
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string[] args = [command, "--watch", "--interval", "100", "--server", fixture.GrpcAddress, "--api-key", CliControlServer.ViewerKey];
        var run = MaectlApp.RunAsync(args, output, error, ctrlC.Token);
        while (!ctrlC.IsCancellationRequested && !Read(output, text).Contains("#1 at", StringComparison.Ordinal))
        {
            await Task.Delay(50);
        }

        await ctrlC.CancelAsync();
        var code = await run;

        Assert.True(code == 0, error.ToString());
        Assert.Contains(expected, Read(output, text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fills_WithABadInterval_IsRefused()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await MaectlApp.RunAsync(["fills", "--interval", "5", "--server", fixture.GrpcAddress, "--api-key", CliControlServer.ViewerKey], output, error);

        Assert.Equal(1, code);
        Assert.Contains("interval_ms", error.ToString(), StringComparison.Ordinal);
    }

    private static string Read(TextWriter synchronized, StringWriter text)
    {
        lock (synchronized)
        {
            return text.ToString();
        }
    }
}
