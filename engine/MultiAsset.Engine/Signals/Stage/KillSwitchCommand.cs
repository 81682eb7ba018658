using System.Text.Json;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// The <c>SetKillSwitch</c> command: <c>{ "account": "name" | null, "on": true | false }</c> (an absent or null
/// account is the global switch; an empty one is an error). The signal stage only
/// validates it and forwards it in order with everything else, so the risk gate and the router act on it exactly
/// between the same two events in a live run and in its replay.
/// </summary>
internal static class KillSwitchCommand
{
    public static CommandReply Execute(ReadOnlySpan<byte> body, AccountDirectory accounts, IntentWriter intents, long timestamp, long sequence)
    {
        string? name;
        bool on;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("on", out var onValue) || onValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return CommandReply.Fail(CommandStatus.BadRequest, "kill switch: on: required, true or false");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("account" or "on"))
                {
                    return CommandReply.Fail(CommandStatus.BadRequest, $"kill switch: {StrictJson.Join(string.Empty, property.Name)}: unknown field (expected account, on)");
                }
            }

            on = onValue.GetBoolean();
            name = null;
            if (root.TryGetProperty("account", out var accountValue) && accountValue.ValueKind != JsonValueKind.Null)
            {
                // Global is an absent (or null) account, never an empty or malformed one.
                name = accountValue.ValueKind == JsonValueKind.String ? accountValue.GetString() : null;
                if (!IdentifierRules.IsValid(name, out var reason))
                {
                    return CommandReply.Fail(CommandStatus.BadRequest, $"kill switch: account: {IdentifierRules.Quote(name)} is not an account id: it {reason}");
                }
            }
        }
        catch (JsonException e)
        {
            return CommandReply.Fail(CommandStatus.BadRequest, $"kill switch: {e.Message}");
        }

        var account = AccountId.None;
        if (name is not null && !accounts.TryResolve(name, out account))
        {
            return CommandReply.Fail(CommandStatus.NotFound, $"kill switch: account: no account '{name}'");
        }

        intents.PublishKillSwitch(account, on, timestamp, sequence);
        return CommandReply.Ok(new { account = name, on });
    }
}
