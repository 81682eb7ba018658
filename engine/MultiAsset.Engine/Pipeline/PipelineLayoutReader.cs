using System.Text.Json;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Reads the <c>pipeline</c> section of <c>config/engine.json</c> into a <see cref="PipelineLayout"/>, reporting every
/// invalid field at once. Whether the named stages exist is checked later, when the pipeline is built.
/// </summary>
public static class PipelineLayoutReader
{
    /// <summary>Reads <paramref name="section"/>; throws <see cref="ConfigurationException"/> naming each bad field.</summary>
    public static PipelineLayout Read(JsonElement section, string source, string path = "pipeline")
    {
        var reader = new JsonSectionReader(source);
        var layout = Read(section, reader, path);
        reader.ThrowIfAny();
        return layout;
    }

    /// <summary>Reads <paramref name="section"/>, recording problems in <paramref name="reader"/>.</summary>
    public static PipelineLayout Read(JsonElement section, JsonSectionReader reader, string path)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.ExpectObject(section, path))
        {
            return new PipelineLayout([], [], PipelineLayout.DefaultDrainTimeout);
        }

        reader.RejectUnknown(section, path, "rings", "threads", "drainTimeoutMs");
        var rings = new List<RingOptions>();
        foreach (var (item, itemPath) in reader.Array(section, path, "rings", required: true))
        {
            if (!reader.ExpectObject(item, itemPath))
            {
                continue;
            }

            reader.RejectUnknown(item, itemPath, "name", "size", "producer");
            var name = reader.String(item, itemPath, "name", required: true) ?? string.Empty;
            var size = (int)reader.Integer(item, itemPath, "size", 0, 2, 1 << 30, required: true);
            if (size != 0 && (size & (size - 1)) != 0)
            {
                reader.Error(JsonSectionReader.Join(itemPath, "size"), $"{size} is not a power of two");
            }

            var producer = reader.Enum(item, itemPath, "producer", ProducerType.Multi);
            rings.Add(new RingOptions(name, size, producer));
        }

        var threads = new List<StageThreadOptions>();
        foreach (var (item, itemPath) in reader.Array(section, path, "threads", required: true))
        {
            if (!reader.ExpectObject(item, itemPath))
            {
                continue;
            }

            reader.RejectUnknown(item, itemPath, "name", "stages", "waitStrategy", "maxBatchSize");
            var name = reader.String(item, itemPath, "name", required: true) ?? string.Empty;
            var stages = new List<string>();
            foreach (var (stage, stagePath) in reader.Array(item, itemPath, "stages", required: true))
            {
                if (stage.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(stage.GetString()))
                {
                    stages.Add(stage.GetString()!);
                }
                else
                {
                    reader.Error(stagePath, "expected a stage name");
                }
            }

            var wait = reader.Enum(item, itemPath, "waitStrategy", WaitStrategyKind.Blocking);
            var maxBatch = (int)reader.Integer(item, itemPath, "maxBatchSize", PipelineLayout.DefaultMaxBatchSize, 1, 1 << 20);
            threads.Add(new StageThreadOptions(name, stages, wait, maxBatch));
        }

        var drainMs = reader.Integer(section, path, "drainTimeoutMs", (long)PipelineLayout.DefaultDrainTimeout.TotalMilliseconds, 1, 600_000);
        return new PipelineLayout(rings, threads, TimeSpan.FromMilliseconds(drainMs));
    }
}
