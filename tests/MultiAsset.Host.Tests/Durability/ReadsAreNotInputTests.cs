using System.Globalization;
using System.Net;
using System.Text;

namespace MultiAsset.Host.Tests.Durability;

/// <summary>
/// Queries are not input: with the control API on and a client reading as fast as it can, the engine's state at a
/// sequence is exactly what it is with the API off, nothing read is journalled, a recovery appends nothing, and a
/// recovery under read load rebuilds the same digests as one without the API.
/// </summary>
[Trait("Category", "Crash")]
public class ReadsAreNotInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly string[] Stages = ["marketdata", "accounts", "signals", "coordination", "risk", "router"];

    [Fact]
    public async Task DigestAt_WithTheApiOnUnderReadLoad_EqualsTheRunWithTheApiOff()
    {
        var directory = Directory.CreateTempSubdirectory("mae-reads-").FullName;
        try
        {
            const long Sequence = 1_000_000;
            var off = ControlledHost.WriteConfig(directory, "off.json", journal: null, control: false);
            var on = ControlledHost.WriteConfig(directory, "on.json", journal: null, control: true);

            var expected = ControlledHost.Digests(RunToExit(off, "--digest-at", Sequence.ToString(CultureInfo.InvariantCulture)));
            using var host = ControlledHost.Start("--config", on, "--digest-at", Sequence.ToString(CultureInfo.InvariantCulture));
            var api = host.WaitForApi(Timeout) ?? throw new Xunit.Sdk.XunitException($"no control API:\n{host.Output}");
            int reads;
            await using (var load = new ReadLoad(host.Http, api))
            {
                Assert.Equal(0, host.WaitForExit(Timeout));
                reads = load.Succeeded;
            }

            var actual = ControlledHost.Digests(host.Output);
            Assert.True(reads >= 20, $"the reader got only {reads} answers:\n{host.Output}");
            foreach (var stage in Stages)
            {
                Assert.Equal((Sequence, expected[stage].Digest), actual[stage]);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("sync", 5)]
    [InlineData("async", 9)]
    public async Task KilledUnderReadLoad_RecoversTheUninterruptedState_AndRestartsAppendNothing(string durability, int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 3; trial++)
        {
            var directory = Directory.CreateTempSubdirectory("mae-readcrash-").FullName;
            try
            {
                var journal = Path.Combine(directory, "journal");
                var withJournal = ControlledHost.WriteConfig(directory, "engine.json", journal, control: true, durability);
                var reference = ControlledHost.WriteConfig(directory, "reference.json", journal: null, control: false);

                // 1. Run with a reader hammering the API; kill at a random moment after the first acknowledgement.
                long acknowledged;
                using (var host = ControlledHost.Start("--config", withJournal))
                {
                    var api = host.WaitForApi(Timeout) ?? throw new Xunit.Sdk.XunitException($"no control API:\n{host.Output}");
                    await using var load = new ReadLoad(host.Http, api);
                    await WaitUntilAsync(() => host.LastAcknowledged() >= 0, host);
                    await Task.Delay(random.Next(200, 1200));
                    acknowledged = host.LastAcknowledged();
                    host.Kill();
                }

                // 2. Recover twice, each time with a reader hammering the API while it recovers: same records, same digests.
                var first = await RecoverUnderLoadAsync(withJournal);
                var second = await RecoverUnderLoadAsync(withJournal);
                var records = ControlledHost.RecoveredRecords(first);
                Assert.True(records - 1 >= acknowledged, $"trial {trial}: acknowledged {acknowledged} lost (recovered {records})");
                Assert.Equal(records, ControlledHost.RecoveredRecords(second));
                Assert.Equal(ControlledHost.Digests(first), ControlledHost.Digests(second));

                // 3. The uninterrupted run with no API at all, digested at the same sequence.
                var expected = ControlledHost.Digests(RunToExit(reference, "--digest-at", (records - 1).ToString(CultureInfo.InvariantCulture)));
                var recovered = ControlledHost.Digests(first);
                foreach (var stage in Stages)
                {
                    Assert.Equal((records - 1, expected[stage].Digest), recovered[stage]);
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task CommandsSentWhileRecovering_Get503_AndEveryAcknowledgedCommandSurvivesAKill()
    {
        var directory = Directory.CreateTempSubdirectory("mae-ackcrash-").FullName;
        try
        {
            var journal = Path.Combine(directory, "journal");
            var config = ControlledHost.WriteConfig(directory, "engine.json", journal, control: true);

            // A journal long enough that its replay takes a moment.
            using (var first = ControlledHost.Start("--config", config, "--duration", "3s"))
            {
                Assert.Equal(0, first.WaitForExit(Timeout));
            }

            // Restart and fire strategy creations from the first moment the API listens: while it recovers they must get
            // 503 with Retry-After; once ready, 201. Then SIGKILL right after the last 201.
            var acknowledged = new List<string>();
            var refused = 0;
            using (var second = ControlledHost.Start("--config", config))
            {
                var api = second.WaitForApi(Timeout) ?? throw new Xunit.Sdk.XunitException($"no control API:\n{second.Output}");
                for (var i = 0; acknowledged.Count < 3 && i < 10_000; i++)
                {
                    var id = $"late-{i}";
                    using var response = await second.Http.PostAsync(new Uri(api, "/api/multi-asset/strategies"), Json(Strategy(id)));
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        Assert.True(response.Headers.RetryAfter is not null, "a 503 without Retry-After");
                        refused++;
                        continue;
                    }

                    Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    acknowledged.Add(id);
                }

                second.Kill();
            }

            // Every acknowledged strategy is there after the restart.
            using var third = ControlledHost.Start("--config", config);
            var address = third.WaitForApi(Timeout) ?? throw new Xunit.Sdk.XunitException($"no control API:\n{third.Output}");
            await WaitUntilReadyAsync(third, address);
            foreach (var id in acknowledged)
            {
                using var response = await third.Http.GetAsync(new Uri(address, $"/api/multi-asset/strategies/{id}"));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"acknowledged strategy {id} lost after restart ({refused} requests refused while recovering)");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> RecoverUnderLoadAsync(string config)
    {
        using var host = ControlledHost.Start("--config", config, "--recover-only");
        var api = host.WaitForApi(Timeout);
        if (api is null)
        {
            Assert.Equal(0, host.WaitForExit(Timeout));
            return host.Output;
        }

        await using var load = new ReadLoad(host.Http, api);
        Assert.Equal(0, host.WaitForExit(Timeout));
        // Recovery never takes requests: every read that got an answer got 503.
        Assert.Equal(0, load.Succeeded);
        return host.Output;
    }

    private static async Task WaitUntilReadyAsync(ControlledHost host, Uri api)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await host.Http.GetAsync(new Uri(api, "/health"));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"never ready:\n{host.Output}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ControlledHost host)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"condition never met:\n{host.Output}");
    }

    private static string RunToExit(string config, params string[] args)
    {
        using var host = ControlledHost.Start(["--config", config, .. args]);
        Assert.Equal(0, host.WaitForExit(Timeout));
        return host.Output;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    // The shipped momentum strategy under another id (so it is valid whatever the document rules are).
    private static string Strategy(string id)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "strategies", "crypto-tech-momentum.json")))!;
        document["id"] = id;
        document["name"] = id;
        return document.ToJsonString();
    }
}
