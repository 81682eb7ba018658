using System.Globalization;

namespace MultiAsset.Cluster;

/// <summary>
/// The cluster options of a command line, taken out of it: <c>--cluster URL</c>, <c>--replicas N</c>,
/// <c>--ack-wait SECONDS</c>, <c>--concurrency N</c>, <c>--folder DIR</c>, <c>--shared-files</c>; the rest is left
/// for the command (a sweep's own arguments).
/// </summary>
internal sealed record ClusterArguments(ClusterOptions Options, int Concurrency, string? Folder, bool SharedFiles, IReadOnlyList<string> Rest)
{
    /// <summary>Parses <paramref name="args"/>; null with the reason when they are not usable.</summary>
    public static (ClusterArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? url = null, folder = null;
        int replicas = 3, concurrency = 1;
        var ackWait = TimeSpan.FromSeconds(30);
        var shared = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : string.Empty;
            switch (args[i])
            {
                case "--cluster":
                    url = Next();
                    break;
                case "--replicas":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out replicas) || replicas is < 1 or > 5)
                    {
                        return (null, "--replicas wants 1 to 5");
                    }

                    break;
                case "--concurrency":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) || concurrency < 1)
                    {
                        return (null, "--concurrency wants a positive whole number");
                    }

                    break;
                case "--ack-wait":
                    if (!double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 1)
                    {
                        return (null, "--ack-wait wants seconds (at least 1)");
                    }

                    ackWait = TimeSpan.FromSeconds(seconds);
                    break;
                case "--folder":
                    folder = Next();
                    break;
                case "--shared-files":
                    shared = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(url))
        {
            return (null, "name the cluster: --cluster nats://127.0.0.1:4222 (./run.sh cluster starts a local one)");
        }

        return (new ClusterArguments(new ClusterOptions { Url = url, Replicas = replicas, AckWait = ackWait }, concurrency, folder, shared, rest), null);
    }
}
