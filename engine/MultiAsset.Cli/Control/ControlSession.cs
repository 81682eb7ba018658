using Grpc.Core;
using Grpc.Net.Client;
using MultiAsset.Cli.Journal;

namespace MultiAsset.Cli.Control;

/// <summary>One maectl invocation's connection to the control sidecar: the gRPC client and the key metadata.</summary>
internal sealed class ControlSession : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly GrpcChannel channel;
    private readonly Metadata headers = [];

    public ControlSession(string server, string? apiKey)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server: '{server}' is not an http:// or https:// address (e.g. {ControlOptions.DefaultServer})");
        }

        channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        Client = new MultiAsset.Control.V1.Control.ControlClient(channel);
        if (apiKey is not null)
        {
            headers.Add("x-api-key", apiKey);
        }
    }

    public MultiAsset.Control.V1.Control.ControlClient Client { get; }

    /// <summary>Call options with the key and a deadline.</summary>
    public CallOptions Options(CancellationToken cancellationToken) => new(headers, DateTime.UtcNow + Deadline, cancellationToken);

    /// <summary>Call options with the key and no deadline (live-view streams run until cancelled).</summary>
    public CallOptions StreamOptions(CancellationToken cancellationToken) => new(headers, null, cancellationToken);

    public void Dispose() => channel.Dispose();
}
