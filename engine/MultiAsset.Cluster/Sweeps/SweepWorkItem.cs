using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiAsset.Host.Backtesting;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>
/// One run as it travels on the work queue: the run id, its parameter set, and the backtest to make with every file
/// path either an object-store reference (<see cref="SweepFiles"/>) or a shared path. <see cref="Key"/> names the run
/// cluster-wide: the run id plus a hash of everything the run depends on, so the same run of the same data and spec
/// always has the same key, and a different one never does.
/// </summary>
/// <param name="Key">KV key and message id: <c>RUNID.HASH16</c>.</param>
/// <param name="RunId">The sweep's run id (the folder name under runs/).</param>
/// <param name="Parameters">The parameter set as a JSON object in the sweep's order.</param>
/// <param name="Spec">The backtest; its <c>Output</c> is left empty (each worker writes into its own folder).</param>
public sealed record SweepWorkItem(string Key, string RunId, JsonObject Parameters, BacktestSpec Spec)
{
    // Value tuples (the strategy documents) are fields, so fields are included.
    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <summary>A work item for <paramref name="job"/> whose file paths are already rewritten in <paramref name="spec"/>.</summary>
    public static SweepWorkItem Create(SweepJob job, BacktestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(spec);
        // Nothing of the caller's machine goes into the hash: not its output folder, not its spec folder.
        var portable = spec with { Output = string.Empty, BaseDirectory = string.Empty };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(job.RunId + "\n" + JsonSerializer.Serialize(portable, Json)));
        return new SweepWorkItem($"{job.RunId}.{Convert.ToHexStringLower(hash)[..16]}", job.RunId, job.Parameters.ToJson(), portable);
    }

    /// <summary>The message body.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a message body.</summary>
    /// <exception cref="JsonException">Not a work item.</exception>
    public static SweepWorkItem FromBytes(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize<SweepWorkItem>(body, Json) ?? throw new JsonException("empty work item");

    /// <summary>The parameter set.</summary>
    public SweepParameterSet ParameterSet() => new(Parameters.Select(p => (p.Key, p.Value ?? JsonValue.Create((string?)null)!)));
}
