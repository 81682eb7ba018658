using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host;

/// <summary>
/// A hash of the configuration that shapes the engine's state: engine.json without the sections that only say where
/// and how things are stored or served (<c>journal</c>, <c>snapshots</c>, <c>control</c>, <c>reportIntervalMs</c>),
/// every file it names (accounts, risk, venues, strategies, ...), and the instrument symbols. A snapshot records it, and
/// one taken under another configuration is refused: its state would not be what replaying the journal under this one
/// gives.
/// </summary>
internal sealed class ConfigFingerprint
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "journal", "snapshots", "control", "reportIntervalMs" };
    private readonly XxHash64 hash = new();

    /// <summary>Adds the state-shaping sections of engine.json.</summary>
    public void AddRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Ignored.Contains(property.Name))
            {
                Add(property.Name);
                Add(property.Value.GetRawText());
            }
        }
    }

    /// <summary>Adds a text (a file's content).</summary>
    public void Add(string text)
    {
        hash.Append(Encoding.UTF8.GetBytes(text));
        hash.Append([0]);
    }

    /// <summary>Adds the instruments' symbols, in id order.</summary>
    public void Add(InstrumentCatalog catalog) => Add(string.Join('\n', catalog.Symbols));

    /// <summary>The fingerprint so far.</summary>
    public ulong Value => hash.GetCurrentHashAsUInt64();

    /// <summary>Wraps <paramref name="files"/> so every file read is added to the fingerprint.</summary>
    public ConfigFiles Recording(ConfigFiles files) => new RecordingFiles(files, this);

    private sealed class RecordingFiles(ConfigFiles inner, ConfigFingerprint fingerprint) : ConfigFiles
    {
        public override string Read(string name)
        {
            var text = inner.Read(name);
            fingerprint.Add(name);
            fingerprint.Add(text);
            return text;
        }

        public override string Describe(string name) => inner.Describe(name);

        public override IReadOnlyList<string> ListJson(string directory) => inner.ListJson(directory);
    }
}
