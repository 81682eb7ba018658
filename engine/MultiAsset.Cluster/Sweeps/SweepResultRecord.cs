using System.Text.Json;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Cluster.Sweeps;

/// <summary>
/// What a worker stores in the results bucket under a run's key, once: how the run went and where its results folder
/// is (a zip in the object store). The caller unpacks that folder into SWEEP/runs/RUNID and reads the row from its
/// result.json as a local sweep does.
/// </summary>
/// <param name="Status">ok, invalid or failed (<see cref="SweepRunStatus"/>).</param>
/// <param name="Reason">Why it is invalid or failed.</param>
/// <param name="Archive">Object name of the zipped results folder, or null when the run is not ok.</param>
/// <param name="Worker">Which worker made it (for logs and the docs' failure stories).</param>
/// <param name="Deliveries">How many times JetStream had delivered the run when this worker made it (1 unless a worker was lost).</param>
/// <param name="Milliseconds">Wall time of the run on the worker.</param>
public sealed record SweepResultRecord(SweepRunStatus Status, string? Reason, string? Archive, string Worker, long Deliveries, long Milliseconds)
{
    /// <summary>The value stored in the bucket.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Reads a stored value.</summary>
    /// <exception cref="JsonException">Not a result record.</exception>
    public static SweepResultRecord FromBytes(ReadOnlySpan<byte> value) => JsonSerializer.Deserialize<SweepResultRecord>(value) ?? throw new JsonException("empty result record");
}
