using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Tests.Control;

/// <summary>The control server over TLS with a self-signed certificate made here (PEM files and a PKCS#12 file, read through the config).</summary>
public sealed class TlsTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("mae-tls-");
    private readonly X509Certificate2 certificate;

    public TlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory.FullName, "server.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory.FullName, "server.key"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Path.Combine(directory.FullName, "server.pfx"), certificate.Export(X509ContentType.Pfx, "secret"));
    }

    public void Dispose()
    {
        certificate.Dispose();
        directory.Delete(recursive: true);
    }

    [Theory]
    [InlineData("""{ "certificate": "server.crt", "key": "server.key" }""")]
    [InlineData("""{ "certificate": "server.pfx", "password": "secret" }""")]
    public async Task Https_Works_AndTheKeyIsStillChecked(string tls)
    {
        await using var server = await StartAsync(tls);
        using var http = new HttpClient(TrustingOnly(certificate)) { BaseAddress = server.RestAddress };

        Assert.Equal("https", server.RestAddress.Scheme);
        var anonymous = await http.GetAsync(new Uri("/api/multi-asset/status", UriKind.Relative));
        await ProblemAssert.IsProblem(anonymous, HttpStatusCode.Unauthorized);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/multi-asset/status");
        request.Headers.Add("X-Api-Key", ControlTestServer.ViewerKey);
        var status = await ProblemAssert.IsJson(await http.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal("viewer", status.GetProperty("caller").GetString());
    }

    [Fact]
    public async Task PlainHttp_ToATlsListener_Fails()
    {
        await using var server = await StartAsync("""{ "certificate": "server.crt", "key": "server.key" }""");
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new UriBuilder(server.RestAddress) { Scheme = "http" }.Uri));
    }

    [Fact]
    public async Task GrpcOverTls_Works_AndTheKeyIsStillChecked()
    {
        await using var server = await StartAsync("""{ "certificate": "server.crt", "key": "server.key" }""");
        using var channel = GrpcChannel.ForAddress(server.GrpcAddress, new GrpcChannelOptions { HttpHandler = TrustingOnly(certificate) });
        var client = new MultiAsset.Control.V1.Control.ControlClient(channel);

        Assert.Equal("https", server.GrpcAddress.Scheme);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.GetStatusAsync(new MultiAsset.Control.V1.Empty()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var reply = await client.GetStatusAsync(new MultiAsset.Control.V1.Empty(), ControlTestServer.Key(ControlTestServer.AdminKey));
        Assert.Contains("\"caller\":\"admin\"", reply.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_AllowsARemoteListener()
    {
        var config = Parse("""{ "certificate": "server.crt", "key": "server.key" }""", listen: "0.0.0.0:0");

        Assert.NotNull(config.Tls);
        Assert.Null(config.InsecureRemoteProblem());
        Assert.Equal(certificate.Thumbprint, config.Tls.Certificate.Thumbprint);
    }

    private ControlConfig Parse(string tls, string listen = "127.0.0.1:0")
    {
        var keys = $$"""
            [ { "name": "admin", "role": "admin", "sha256": "{{ApiKeyHasher.Hash(ControlTestServer.AdminKey)}}" },
              { "name": "viewer", "role": "viewer", "sha256": "{{ApiKeyHasher.Hash(ControlTestServer.ViewerKey)}}" } ]
            """;
        var json = $$"""{ "control": { "listen": "{{listen}}", "grpcListen": "127.0.0.1:0", "apiKeys": {{keys}}, "tls": {{tls}} } }""";
        return ControlConfig.Parse(json, "tls-test.json", directory.FullName);
    }

    private async Task<ControlServer> StartAsync(string tls)
        => await ControlServer.StartAsync(Parse(tls), new ControlService(new FakeEngineCommands()));

    /// <summary>A handler that trusts exactly <paramref name="expected"/> (self-signed, so not through the machine's roots).</summary>
    private static SocketsHttpHandler TrustingOnly(X509Certificate2 expected) => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == expected.Thumbprint },
    };
}
