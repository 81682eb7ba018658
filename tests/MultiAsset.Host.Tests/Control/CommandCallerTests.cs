using System.Collections.Concurrent;
using System.Net;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline.Commands;

namespace MultiAsset.Host.Tests.Control;

/// <summary>
/// Issue 18: control actions carry their caller into the journal. The authentication gate makes the key's caller id
/// (its 1-based position in <c>control.apiKeys</c>) current for the request, which is what <see cref="CommandClient"/>
/// journals with each command it publishes.
/// </summary>
public sealed class CommandCallerTests
{
    [Fact]
    public async Task Each_key_sends_its_commands_with_its_position_in_the_key_list()
    {
        var seen = new ConcurrentQueue<(CommandKind Kind, ushort Caller)>();
        var fake = new FakeEngineCommands();
        fake.Answer = (kind, body) =>
        {
            seen.Enqueue((kind, CommandCaller.Current));
            return CommandReply.Ok(new { });
        };
        await using var server = await ControlTestServer.StartWithFakeAsync(fake);

        // Keys in ControlTestServer.Config(): admin (1), viewer (2), trader (3), ct-trader (4), ct-admin (5).
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, "/kill-switch", ControlTestServer.AdminKey, """{ "on": true }""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.SendAsync(HttpMethod.Post, "/kill-switch", ControlTestServer.ScopedAdminKey, """{ "account": "crypto-tech", "on": false }""")).StatusCode);

        Assert.Equal([(CommandKind.SetKillSwitch, (ushort)1), (CommandKind.SetKillSwitch, (ushort)5)], seen.Where(s => s.Kind == CommandKind.SetKillSwitch).ToArray());
        Assert.Equal((ushort)0, CommandCaller.Current); // nothing leaks out of a request
    }
}
