using System.Net;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Tests.Control;

public class ControlConfigSecurityTests
{
    private static ControlConfig Parse(string control, string? baseDirectory = null)
        => ControlConfig.Parse($$"""{ "control": {{control}} }""", "test.json", baseDirectory);

    [Fact]
    public void NoRateLimit_IsTheDefault()
        => Assert.Equal(ControlRateLimit.Default, Parse("""{ }""").RateLimit);

    [Fact]
    public void RateLimit_WithoutBurst_HoldsTwoSeconds()
        => Assert.Equal(new ControlRateLimit(50, 100), Parse("""{ "rateLimit": { "requestsPerSecond": 50 } }""").RateLimit);

    [Fact]
    public void RateLimit_IsRead()
        => Assert.Equal(new ControlRateLimit(7, 9), Parse("""{ "rateLimit": { "requestsPerSecond": 7, "burst": 9 } }""").RateLimit);

    [Fact]
    public void RateLimit_Invalid_NamesEveryField()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("""{ "rateLimit": { "requestsPerSecond": 0, "burst": "x", "perMinute": 1 } }"""));

        Assert.Contains("control.rateLimit.requestsPerSecond: 0 is out of range", error.Message, StringComparison.Ordinal);
        Assert.Contains("control.rateLimit.burst", error.Message, StringComparison.Ordinal);
        Assert.Contains("perMinute", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "listen": "0.0.0.0:5080" }""", "control.listen")]
    [InlineData("""{ "grpcListen": "[::]:5081" }""", "control.grpcListen")]
    [InlineData("""{ "listen": "192.168.1.10:5080" }""", "control.listen")]
    public void NonLoopbackListener_WithoutTls_IsRefused(string control, string field)
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse(control));

        Assert.Contains($"test.json: {field}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowInsecureRemote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonLoopbackListener_WithAllowInsecureRemote_IsAccepted()
    {
        var config = Parse("""{ "listen": "0.0.0.0:5080", "allowInsecureRemote": true }""");

        Assert.True(config.AllowInsecureRemote);
        Assert.Equal(IPAddress.Any, config.Listen.Address);
    }

    [Fact]
    public void DisabledSidecar_OnAnyAddress_IsAccepted()
        => Assert.False(Parse("""{ "enabled": false, "listen": "0.0.0.0:5080" }""").Enabled);

    [Fact]
    public async Task Server_RefusesAnInsecureRemoteConfigBuiltInCode()
    {
        var config = ControlTestServer.Config() with { Listen = new IPEndPoint(IPAddress.Any, 0) };

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => ControlServer.StartAsync(config, new ControlService(new FakeEngineCommands())));
        Assert.Contains("allowInsecureRemote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_MissingFile_IsNamed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("""{ "tls": { "certificate": "no-such.pfx" } }""", Path.GetTempPath()));

        Assert.Contains("control.tls.certificate: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such.pfx: file not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_NotACertificate_IsAConfigurationError()
    {
        var directory = Directory.CreateTempSubdirectory("mae-tls-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "cert.pem"), "not a certificate");
            File.WriteAllText(Path.Combine(directory.FullName, "key.pem"), "not a key");

            var error = Assert.Throws<ConfigurationException>(() => Parse("""{ "tls": { "certificate": "cert.pem", "key": "key.pem" } }""", directory.FullName));
            Assert.Contains("control.tls.certificate: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot load the certificate", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Host_WithRemoteListenerWithoutTls_ExitsWithCode2()
    {
        var directory = Directory.CreateTempSubdirectory("mae-insecure-");
        try
        {
            var shipped = Path.Combine(AppContext.BaseDirectory, "config");
            foreach (var file in Directory.GetFiles(shipped, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(directory.FullName, Path.GetRelativePath(shipped, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            var path = Path.Combine(directory.FullName, "engine.json");
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"127.0.0.1:5080\"", "\"0.0.0.0:5080\"", StringComparison.Ordinal));

            using var process = HostProcess.Start("--config", path, "--duration", "1s");
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));

            Assert.Equal(2, process.ExitCode);
            Assert.Contains($"configuration error: {path}: control.listen: listen 0.0.0.0:5080 is not a loopback address", error.Result, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
