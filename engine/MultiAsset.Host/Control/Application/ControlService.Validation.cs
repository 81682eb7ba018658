using System.Globalization;
using System.Text.Json.Nodes;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Signals.Rules;
using MultiAsset.Engine.Signals.Stage;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Host.Control.Application;

/// <summary>The strategy editor's dry run (validate) and its completions.</summary>
public sealed partial class ControlService
{
    /// <summary>
    /// <c>POST /strategies/validate</c>: what <see cref="CreateStrategyAsync"/> would say about the document, without
    /// creating or journalling anything — the same request checks here (<see cref="CheckCreateRequest"/>) and the same
    /// engine validation (the signal stage's, as a query). 200 <c>{ "valid", "errors": [ { "field", "line"?, "column"?,
    /// "message" } ] }</c>; a body that is not a JSON object, or an account outside the key's scope, is still a problem
    /// (400/403), as for create. Trader: it is the dry run of a trader action.
    /// </summary>
    public async Task<ControlResult> ValidateStrategyAsync(ControlCaller caller, string json, CancellationToken cancellationToken, string? account = null, string? id = null)
    {
        var (reply, refused) = await SendDocumentAsync(caller, json, CommandKind.ValidateStrategy, "validate strategies", account, id, cancellationToken).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (!reply!.Succeeded || reply.Result is not StrategyValidation validation)
        {
            return FromReply(reply);
        }

        var errors = new JsonArray([.. validation.Errors.Select(e => (JsonNode)ValidationError(e))]);
        return ControlResult.Ok(new JsonObject { ["valid"] = validation.Valid, ["errors"] = errors }.ToJsonString(ResultJson.Options));
    }

    /// <summary>
    /// <c>GET /strategies/completions</c>: what the rule editor may offer, from the engine's own tables — the catalogue's
    /// symbols (and the compiler's aliases), the configured timeframes, and <see cref="RuleVocabulary"/> (the table the
    /// parser and compiler read). Any role.
    /// </summary>
    public async Task<ControlResult> CompletionsAsync(ControlCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var reply = await engine.SendAsync(CommandKind.QueryRuleVocabulary, string.Empty, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded || reply.Result is not RuleVocabularyView view)
        {
            return FromReply(reply);
        }

        var completions = new JsonObject
        {
            ["symbols"] = new JsonArray([.. view.Symbols.Select(s => (JsonNode)new JsonObject { ["symbol"] = s.Symbol, ["assetClass"] = s.AssetClass, ["tradable"] = s.Tradable })]),
            ["aliases"] = new JsonArray([.. view.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (JsonNode)new JsonObject { ["alias"] = a.Key, ["symbol"] = a.Value })]),
            ["indicators"] = new JsonArray([.. RuleVocabulary.Indicators.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["signature"] = i.Signature,
                ["description"] = i.Description,
                ["aliases"] = new JsonArray([.. i.Aliases.Select(a => (JsonNode)a)]),
                ["takesTimeframe"] = i.TakesTimeframe,
            })]),
            ["timeframes"] = new JsonArray([.. view.Timeframes.Select(t => (JsonNode)t)]),
            ["defaultTimeframe"] = view.DefaultTimeframe,
            ["keywords"] = new JsonArray([.. RuleVocabulary.Keywords.Select(k => (JsonNode)k)]),
            ["comparisons"] = new JsonArray([.. RuleVocabulary.Comparisons.Select(k => (JsonNode)k)]),
            ["actions"] = new JsonArray([.. RuleVocabulary.Actions.Select(a => (JsonNode)new JsonObject { ["verb"] = a.Verb, ["template"] = a.Template, ["description"] = a.Description })]),
            ["assetClasses"] = new JsonArray([.. Enum.GetValues<Engine.Model.AssetClass>().Select(c => (JsonNode)Engine.Model.AssetClassNames.ToSeedName(c))]),
        };
        return ControlResult.Ok(completions.ToJsonString(ResultJson.Options));
    }

    /// <summary>
    /// One problem as the engine words it (<c>strategy: executionRules[0].trigger: 1:17: reason</c>) as
    /// <c>{ field, line, column, message }</c> (no line/column when the problem has no position in a rule).
    /// </summary>
    internal static JsonObject ValidationError(string error)
    {
        var text = error.StartsWith("strategy: ", StringComparison.Ordinal) ? error["strategy: ".Length..] : error;
        var field = "$";
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && !text.AsSpan(0, colon).Contains(' '))
        {
            field = text[..colon];
            text = text[(colon + 2)..];
        }

        var result = new JsonObject { ["field"] = field };
        var parts = text.Split(':', 3);
        if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var column))
        {
            result["line"] = line;
            result["column"] = column;
            text = parts[2].TrimStart();
        }

        result["message"] = text;
        return result;
    }
}
