using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiAsset.Host.Backtesting.Sweeps;

/// <summary>
/// One point of a sweep: parameter values by name, in the order the sweep spec lists the names. Its <see cref="RunId"/>
/// is a short hash of the values (names sorted), so the same set always maps to the same run folder and a re-run finds
/// the runs already finished.
/// </summary>
public sealed class SweepParameterSet
{
    private readonly (string Name, JsonNode Value)[] values;

    /// <summary>Creates a set from (name, value) pairs; the values are copied.</summary>
    public SweepParameterSet(IEnumerable<(string Name, JsonNode Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        this.values = values.Select(v => (v.Name, v.Value.DeepClone())).ToArray();
        Canonical = new JsonObject(this.values.OrderBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => KeyValuePair.Create(v.Name, (JsonNode?)v.Value.DeepClone()))).ToJsonString();
        RunId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)))[..10];
    }

    /// <summary>The names and values in the spec's order.</summary>
    public IReadOnlyList<(string Name, JsonNode Value)> Values => values;

    /// <summary>The values as compact JSON with the names sorted (what <see cref="RunId"/> hashes).</summary>
    public string Canonical { get; }

    /// <summary>Ten hex digits of the SHA-256 of <see cref="Canonical"/>.</summary>
    public string RunId { get; }

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public JsonNode? this[string name] => values.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>The values as a JSON object in the spec's order (a fresh copy).</summary>
    public JsonObject ToJson() => new(values.Select(v => KeyValuePair.Create(v.Name, (JsonNode?)v.Value.DeepClone())));

    /// <summary><c>fast=5 slow=30</c>.</summary>
    public override string ToString() => string.Join(' ', values.Select(v => $"{v.Name}={v.Value.ToJsonString()}"));
}
