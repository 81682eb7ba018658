using System.Text.Json;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Strategy documents side B uses instead of the ones the journal recorded. A strategy enters the engine as a journalled
/// <c>CreateStrategy</c> command whose body is its JSON document, so changing a strategy's parameters means replaying
/// that command with another body: the recorded document whose <c>id</c> (or, without one, <c>name</c>) matches a
/// given file is swapped for the file's text, re-cut into chunk slots (the count may change: side B's engine numbers
/// its input itself, the diff reports journal sequences). Every given file must match a recorded strategy.
/// </summary>
internal sealed class ReplayStrategyOverrides
{
    private readonly Dictionary<string, (string Path, byte[] Body)> byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    /// <exception cref="ConfigurationException">A file is missing, not JSON, or has neither id nor name.</exception>
    public ReplayStrategyOverrides(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"{path}: file not found (given as --strategy)");
            }

            var body = File.ReadAllBytes(path);
            var name = NameOf(body) ?? throw new ConfigurationException($"{path}: not a strategy document (a JSON object with an \"id\" or a \"name\")");
            byName[name] = (Path.GetFullPath(path), body);
        }
    }

    /// <summary>True when there is nothing to swap.</summary>
    public bool IsEmpty => byName.Count == 0;

    /// <summary>The files no recorded strategy matched (reported as bad input after the replay).</summary>
    public IEnumerable<string> Unused => byName.Where(p => !used.Contains(p.Key)).Select(p => $"{p.Value.Path} (\"{p.Key}\")");

    /// <summary>
    /// The events side B replays for a whole recorded command (<paramref name="command"/>: its header and chunks):
    /// the same ones, or a <c>CreateStrategy</c> of a swapped document.
    /// </summary>
    public IReadOnlyList<InputEvent> Rewrite(IReadOnlyList<InputEvent> command)
    {
        if (command.Count == 0 || command[0].Kind != InputEventKind.Command || command[0].Command.Kind != CommandKind.CreateStrategy)
        {
            return command;
        }

        var header = command[0];
        var recorded = new byte[header.Command.BodyLength];
        var offset = 0;
        for (var i = 1; i < command.Count && offset < recorded.Length; i++)
        {
            var length = Math.Min(CommandChunk.Capacity, recorded.Length - offset);
            var chunk = command[i].Chunk;
            ((ReadOnlySpan<byte>)chunk)[..length].CopyTo(recorded.AsSpan(offset));
            offset += length;
        }

        if (NameOf(recorded) is not { } name || !byName.TryGetValue(name, out var swap))
        {
            return command;
        }

        used.Add(name);
        var events = new InputEvent[1 + CommandData.ChunkCount(swap.Body.Length)];
        events[0].SetCommand(CommandKind.CreateStrategy, header.Command.CorrelationId, swap.Body.Length, header.Timestamp, header.Source);
        for (var i = 1; i < events.Length; i++)
        {
            var start = (i - 1) * CommandChunk.Capacity;
            events[i].SetCommandChunk(i - 1, swap.Body.AsSpan(start, Math.Min(CommandChunk.Capacity, swap.Body.Length - start)), header.Timestamp, header.Source);
        }

        return events;
    }

    private static string? NameOf(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
                : root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>For messages.</summary>
    public override string ToString() => string.Join(", ", byName.Values.Select(v => v.Path));
}
