using System.Text.Json.Nodes;
using MultiAsset.Cluster.Sweeps;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Host.Backtesting;
using MultiAsset.Host.Backtesting.Sweeps;

namespace MultiAsset.Cluster.Tests;

/// <summary>The run's key and message: same run ⇒ same key wherever the caller's folders are; any change ⇒ another key.</summary>
public sealed class SweepWorkItemTests
{
    private static BacktestSpec Spec(string output = "/caller/a/out", string data = "nats-object:ab12/btc.maecache") => new()
    {
        Name = "sma",
        Source = "/caller/a/spec.json",
        BaseDirectory = "/caller/a",
        Data = [new BacktestData("cache", data, null)],
        Strategies = [("spec.json: strategies[0]", """{"id":"sma-btc","parameters":{"fast":3,"slow":20}}""")],
        Fees = new BacktestFees(0m, 10m, 0m),
        EquityInterval = TimeSpan.FromHours(1),
        Output = output,
    };

    private static SweepJob Job(int fast, BacktestSpec spec)
    {
        var set = new SweepParameterSet([("fast", JsonValue.Create(fast)), ("slow", JsonValue.Create(20))]);
        return new SweepJob(set.RunId, set, spec);
    }

    [Fact]
    public void Key_IsTheRunIdAndAHashThatIgnoresTheCallersFolders()
    {
        var a = SweepWorkItem.Create(Job(3, Spec()), Spec());
        var b = SweepWorkItem.Create(Job(3, Spec("/elsewhere/out")), Spec("/elsewhere/out") with { BaseDirectory = "/elsewhere" });

        Assert.Equal(a.Key, b.Key);
        Assert.StartsWith(a.RunId + ".", a.Key, StringComparison.Ordinal);
        Assert.Equal(a.RunId.Length + 17, a.Key.Length);
    }

    [Fact]
    public void Key_ChangesWithTheParametersAndWithTheDataBytes()
    {
        var baseKey = SweepWorkItem.Create(Job(3, Spec()), Spec()).Key;

        Assert.NotEqual(baseKey, SweepWorkItem.Create(Job(5, Spec()), Spec()).Key);
        Assert.NotEqual(baseKey, SweepWorkItem.Create(Job(3, Spec()), Spec(data: "nats-object:cd34/btc.maecache")).Key);
        Assert.NotEqual(baseKey, SweepWorkItem.Create(Job(3, Spec()), Spec() with { Fees = new BacktestFees(0m, 11m, 0m) }).Key);
    }

    [Fact]
    public void Message_RoundTripsTheBacktestAndTheParameters()
    {
        var item = SweepWorkItem.Create(Job(3, Spec()), Spec());

        var back = SweepWorkItem.FromBytes(item.ToBytes());

        Assert.Equal(item.Key, back.Key);
        Assert.Equal(item.RunId, back.RunId);
        Assert.Equal("nats-object:ab12/btc.maecache", back.Spec.Data[0].Path);
        Assert.Equal(item.Spec.Strategies, back.Spec.Strategies);
        Assert.Equal(new BacktestFees(0m, 10m, 0m), back.Spec.Fees);
        Assert.Equal(TimeSpan.FromHours(1), back.Spec.EquityInterval);
        Assert.Equal(string.Empty, back.Spec.Output);
        Assert.Equal(item.ParameterSet().RunId, back.ParameterSet().RunId);
        Assert.Equal("fast=3 slow=20", back.ParameterSet().ToString());
    }

    [Fact]
    public async Task Files_AreMappedInEveryPathField_AndAnImportIsRefused()
    {
        var spec = Spec() with { Instruments = "/i.json", Venues = "/v.json", Risk = "/r.json", Coordination = "/c.json", Scenarios = "/s.json", AccountsFile = "/a.json" };

        var mapped = await SweepFiles.MapAsync(spec, p => Task.FromResult("X" + p));

        Assert.Equal(["Xnats-object:ab12/btc.maecache"], mapped.Data.Select(d => d.Path));
        Assert.Equal(new string?[] { "X/i.json", "X/v.json", "X/r.json", "X/c.json", "X/s.json", "X/a.json" }, new[] { mapped.Instruments, mapped.Venues, mapped.Risk, mapped.Coordination, mapped.Scenarios, mapped.AccountsFile });
        var importing = spec with { Data = [new BacktestData("import", null, new MultiAsset.Engine.Backtest.Import.ImportSpec())] };
        await Assert.ThrowsAsync<ConfigurationException>(() => SweepFiles.MapAsync(importing, p => Task.FromResult(p)));
    }

    [Fact]
    public void Arguments_TakeTheClusterOptionsAndLeaveTheSweepsOwn()
    {
        var (parsed, error) = ClusterArguments.Parse(["sweep.json", "--cluster", "nats://h:1,nats://h:2", "-o", "out", "--replicas", "1", "--ack-wait", "5", "--shared-files"]);

        Assert.Null(error);
        Assert.Equal("nats://h:1,nats://h:2", parsed!.Options.Url);
        Assert.Equal(1, parsed.Options.Replicas);
        Assert.Equal(TimeSpan.FromSeconds(5), parsed.Options.AckWait);
        Assert.True(parsed.SharedFiles);
        Assert.Equal(["sweep.json", "-o", "out"], parsed.Rest);
        Assert.NotNull(ClusterArguments.Parse(["sweep.json"]).Error);
        Assert.NotNull(ClusterArguments.Parse(["--cluster", "u", "--replicas", "9"]).Error);
    }
}
