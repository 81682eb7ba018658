using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiAsset.Host.Control.Application;

/// <summary>
/// Puts a strategy document into an account and/or under an id given beside it (the REST query's <c>?account=</c> and
/// <c>?id=</c>), so a document that names neither — the seed's two examples, POSTed verbatim — can be created in any
/// account, or a second time under another id. A document that already names a different value is refused: the
/// caller's two statements disagree and neither silently wins.
/// </summary>
internal static class StrategyPlacement
{
    /// <summary>The document with <paramref name="account"/> and <paramref name="id"/> set, or a 400 naming the field.</summary>
    public static (string? Json, ControlResult? Error) Apply(string json, string? account, string? id)
    {
        foreach (var (name, value) in new[] { ("account", account), ("id", id) })
        {
            if (value is not null && RequestJson.RequireIdentifier(value, name, name == "id" ? "a strategy id" : "an account id") is { } bad)
            {
                return (null, bad);
            }
        }

        JsonObject root;
        try
        {
            if (JsonNode.Parse(json) is not JsonObject parsed)
            {
                // Not an object: let the engine's own validation say what is wrong with it.
                return (json, null);
            }

            root = parsed;
        }
        catch (JsonException)
        {
            return (json, null);
        }

        foreach (var (name, value) in new[] { ("account", account), ("id", id) })
        {
            if (value is null)
            {
                continue;
            }

            if (root[name] is JsonValue existing && existing.TryGetValue<string>(out var named) && !string.Equals(named, value, StringComparison.Ordinal))
            {
                return (null, ControlResult.Fail(400, $"The document names {name} '{named}' but the request asks for '{value}'; give one of them.", name));
            }

            root[name] = value;
        }

        return (root.ToJsonString(), null);
    }
}
