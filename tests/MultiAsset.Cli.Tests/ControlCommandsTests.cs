using System.Text.Json;
using MultiAsset.Host.Control.Security;

namespace MultiAsset.Cli.Tests;

public sealed class ControlCommandsTests(CliControlServer fixture) : IClassFixture<CliControlServer>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("maectl-control-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Task<(int Code, string Output, string Error)> Maectl(string key, params string[] args)
        => Run([.. args, "--server", fixture.GrpcAddress, "--api-key", key]);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MaectlApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string File(string name, string json)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Risk_var_computes_a_what_if_and_checks_the_live_parameters()
    {
        // Per-period Σ = [[1e-4, 0], [0, 4e-4]], e = (100 000, 50 000): eᵀΣe = 1e6 + 1e6 → VaR = z₀.₉₉ · √2e6 = 3 289.95.
        var body = File("var.json", """
            { "method": "parametric", "confidence": 0.99, "horizon": 1,
              "positions": [ { "symbol": "SPY", "assetClass": "STOCK", "currency": "USD", "exposure": 100000 },
                             { "symbol": "BTCUSD", "assetClass": "CRYPTO", "currency": "USD", "exposure": 50000 } ],
              "covariance": [[0.0001, 0], [0, 0.0004]] }
            """);
        var json = await Maectl(CliControlServer.AdminKey, "risk", "var", "-f", body, "--json");
        Assert.True(json.Code == 0, json.Error);
        Assert.Equal(2.3263478740408408 * Math.Sqrt(2e6), JsonDocument.Parse(json.Output).RootElement.GetProperty("totalVaR").GetDouble(), 6);

        var table = await Maectl(CliControlServer.AdminKey, "risk", "var", "-f", body);
        Assert.Equal(0, table.Code);
        Assert.Contains("VaR 3,289.95", table.Output, StringComparison.Ordinal);
        Assert.Contains("BTCUSD", table.Output, StringComparison.Ordinal);

        var live = await Maectl(CliControlServer.ViewerKey, "risk", "var", "--horizon", "10d");
        Assert.True(live.Code == 0, live.Error);
        Assert.Contains("horizon 10 d", live.Output, StringComparison.Ordinal);

        var percent = await Maectl(CliControlServer.ViewerKey, "risk", "var", "--confidence", "99");
        Assert.NotEqual(0, percent.Code);
        Assert.Contains("looks like a percent", percent.Error, StringComparison.Ordinal);
        Assert.Contains("(field: confidence)", percent.Error, StringComparison.Ordinal);

        var typo = File("typo.json", "{ \"positons\": [] }");
        var refused = await Maectl(CliControlServer.AdminKey, "risk", "var", "-f", typo);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("positons", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risk_stress_runs_named_scenarios_and_files()
    {
        var named = await Maectl(CliControlServer.AdminKey, "risk", "stress", "--scenario", "covid-2020", "--scenario", "gfc-2008", "--account", "default");
        Assert.True(named.Code == 0, named.Error);
        Assert.Contains("covid-2020", named.Output, StringComparison.Ordinal);
        Assert.Contains("gfc-2008", named.Output, StringComparison.Ordinal);

        var body = File("stress.json", """{ "shocks": { "assetClasses": { "STOCK": -0.1 } }, "accounts": ["default"], "positions": [ { "symbol": "SPY", "quantity": 100, "price": 500 } ] }""");
        var json = await Maectl(CliControlServer.AdminKey, "risk", "stress", "-f", body, "--json");
        Assert.True(json.Code == 0, json.Error);
        Assert.Equal(-5000m, JsonDocument.Parse(json.Output).RootElement.GetProperty("results")[0].GetProperty("pnl").GetDecimal());

        var unknown = await Maectl(CliControlServer.AdminKey, "risk", "stress", "--scenario", "dotcom-2000");
        Assert.NotEqual(0, unknown.Code);
        Assert.Contains("unknown scenario 'dotcom-2000'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risk_backtest_runs_kupiec_and_christoffersen_on_a_file()
    {
        var series = File("backtest.json", """{ "realisedPnl": [100, -250, 40, -20, 310, -90, 15, -600, 70, 5], "valueAtRisk": [300, 300, 300, 300, 300, 300, 300, 300, 300, 300], "confidence": 0.9 }""");
        var json = await Maectl(CliControlServer.AdminKey, "risk", "backtest", "-f", series, "--json");
        Assert.True(json.Code == 0, json.Error);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(1, root.GetProperty("exceptions").GetInt32());
        Assert.Equal(1, root.GetProperty("kupiecPValue").GetDouble(), 12);

        var refused = await Maectl(CliControlServer.AdminKey, "risk", "backtest", "-f", File("short.json", """{ "realisedPnl": [1, 2], "valueAtRisk": [1] }"""));
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("(field: valueAtRisk)", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Risk_correlation_prints_the_matrices_and_refuses_a_bad_threshold()
    {
        var json = await Maectl(CliControlServer.ViewerKey, "risk", "correlation", "--json");
        Assert.True(json.Code == 0, json.Error);
        var root = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(0.3, root.GetProperty("breakThreshold").GetDouble());
        Assert.False(root.GetProperty("warm").GetBoolean()); // this engine has no correlation universe and no data
        Assert.Equal(0, root.GetProperty("breaks").GetArrayLength());

        var table = await Maectl(CliControlServer.ViewerKey, "risk", "correlation", "--threshold", "0.5");
        Assert.True(table.Code == 0, table.Error);
        Assert.Contains("0 intervals of 60 s", table.Output, StringComparison.Ordinal);
        Assert.Contains("no instruments in the correlation universe", table.Output, StringComparison.Ordinal);

        var bad = await Maectl(CliControlServer.ViewerKey, "risk", "correlation", "--threshold", "30%");
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("(field: threshold)", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_BatchListShowAndFills()
    {
        var batch = File("orders.json", """{ "orders": [ { "account": "default", "symbol": "MSFT", "side": "buy", "quantity": 3, "type": "limit", "limitPrice": 400.5, "timeInForce": "day" } ] }""");
        var submitted = await Maectl(CliControlServer.AdminKey, "orders", "batch", "-f", batch, "--json");
        Assert.True(submitted.Code == 0, submitted.Error);
        var order = JsonDocument.Parse(submitted.Output).RootElement.GetProperty("orders")[0];
        var id = order.GetProperty("orderId").GetInt64();
        Assert.Equal("refused", order.GetProperty("status").GetString()); // this engine's clock stands at 1970 (market closed): the gate says why
        var reason = order.GetProperty("reason").GetString();
        Assert.Equal("MarketClosed", reason);

        var listed = await Maectl(CliControlServer.ViewerKey, "orders", "--account", "default", "--status", "refused", "--json");
        Assert.Equal(0, listed.Code);
        var row = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal((400.5m, "day"), (row.GetProperty("limitPrice").GetDecimal(), row.GetProperty("timeInForce").GetString()));

        var table = await Maectl(CliControlServer.ViewerKey, "orders", "--status", "refused");
        Assert.Equal(0, table.Code);
        Assert.Contains("MSFT", table.Output, StringComparison.Ordinal);
        Assert.Contains("riskVerdict", table.Output, StringComparison.Ordinal);

        var shown = await Maectl(CliControlServer.ViewerKey, "orders", "show", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal("riskRefused", JsonDocument.Parse(shown.Output).RootElement.GetProperty("endReason").GetString());
        Assert.Equal(reason, JsonDocument.Parse(shown.Output).RootElement.GetProperty("riskVerdict").GetString());

        var fills = await Maectl(CliControlServer.ViewerKey, "fills", "--order", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.Equal(0, fills.Code);
        Assert.Equal(0, JsonDocument.Parse(fills.Output).RootElement.GetArrayLength());

        var bad = await Maectl(CliControlServer.ViewerKey, "orders", "--status", "sideways");
        Assert.Equal(1, bad.Code);
        Assert.Contains("(field: status)", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategyLifecycle_WithTablesAndJson()
    {
        var document = File("s.json", """
            { "id": "cli-one", "name": "CLI One", "type": "Correlation", "assetClasses": ["CRYPTO", "STOCK"],
              "allocation": [ { "assetClass": "CRYPTO", "targetWeight": 30, "minWeight": 20, "maxWeight": 40 },
                              { "assetClass": "STOCK", "targetWeight": 70, "minWeight": 60, "maxWeight": 80 } ],
              "executionRules": [ { "trigger": "BTC momentum > 0.05", "action": "Increase crypto allocation by 5%" } ] }
            """);

        var created = await Maectl(CliControlServer.AdminKey, "strategies", "create", "-f", document, "--json");
        Assert.Equal(0, created.Code);
        Assert.Equal("Created", JsonDocument.Parse(created.Output).RootElement.GetProperty("status").GetString());

        Assert.Equal(0, (await Maectl(CliControlServer.AdminKey, "strategies", "deploy", "cli-one")).Code);

        var list = await Maectl(CliControlServer.ViewerKey, "strategies", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("cli-one", list.Output, StringComparison.Ordinal);
        Assert.Contains("Deployed", list.Output, StringComparison.Ordinal);
        Assert.Contains("status", list.Output, StringComparison.Ordinal);

        var shown = await Maectl(CliControlServer.ViewerKey, "strategies", "show", "cli-one", "--json");
        Assert.Equal("Deployed", JsonDocument.Parse(shown.Output).RootElement.GetProperty("status").GetString());

        Assert.Equal(0, (await Maectl(CliControlServer.AdminKey, "strategies", "stop", "cli-one", "--flatten")).Code);
        Assert.Equal(0, (await Maectl(CliControlServer.AdminKey, "strategies", "delete", "cli-one")).Code);

        var gone = await Maectl(CliControlServer.ViewerKey, "strategies", "show", "cli-one");
        Assert.Equal(1, gone.Code);
        Assert.Contains("No strategy with id 'cli-one'", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_And_Preview_FromFiles()
    {
        var optimize = File("o.json", """
            { "optimizationMethod": "MeanVariance", "assets": ["SPY", "TLT"], "covariance": [[0.04, 0.0], [0.0, 0.02]] }
            """);
        var result = await Maectl(CliControlServer.AdminKey, "optimize", "-f", optimize, "--json");
        Assert.Equal(0, result.Code);
        var weights = JsonDocument.Parse(result.Output).RootElement.GetProperty("weights");
        Assert.Equal(1.0, weights.GetProperty("SPY").GetDouble() + weights.GetProperty("TLT").GetDouble(), 6);

        var preview = File("p.json", """{ "algorithm": "TWAP", "side": "Sell", "quantity": 300, "slices": 3, "sliceSeconds": 10 }""");
        var table = await Maectl(CliControlServer.AdminKey, "execution", "preview", "-f", preview);
        Assert.Equal(0, table.Code);
        Assert.Contains("children", table.Output, StringComparison.Ordinal);
        Assert.Contains("expectedCost", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaltAndResume_AsAdmin_ButNotAsViewer()
    {
        var halt = await Maectl(CliControlServer.AdminKey, "halt", "--account", "crypto-tech", "--json");
        Assert.Equal(0, halt.Code);
        Assert.True(JsonDocument.Parse(halt.Output).RootElement.GetProperty("on").GetBoolean());
        Assert.Equal(0, (await Maectl(CliControlServer.AdminKey, "resume", "--account", "crypto-tech")).Code);

        var denied = await Maectl(CliControlServer.ViewerKey, "halt");
        Assert.Equal(1, denied.Code);
        Assert.Contains("[403]", denied.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ReportsTheEngine()
    {
        var status = await Maectl(CliControlServer.ViewerKey, "status", "--json");

        Assert.Equal(0, status.Code);
        Assert.Equal("running", JsonDocument.Parse(status.Output).RootElement.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task ServerErrors_AndBadUsage_HaveTheirExitCodes()
    {
        Assert.Equal(1, (await Maectl("wrong-key", "status")).Code);
        Assert.Equal(1, (await Maectl(CliControlServer.AdminKey, "optimize", "-f", File("bad.json", "{ nope"))).Code);
        Assert.Equal(2, (await Maectl(CliControlServer.AdminKey, "optimize", "-f", Path.Combine(directory, "missing.json"))).Code);
        Assert.Equal(2, (await Maectl(CliControlServer.AdminKey, "strategies", "show")).Code);
        Assert.Equal(2, (await Run("status", "--server", "not a url")).Code);
        Assert.Equal(3, (await Run("status", "--server", "http://127.0.0.1:1", "--api-key", "k")).Code);
    }

    [Fact]
    public async Task ServerAndKey_FromEnvironment()
    {
        Environment.SetEnvironmentVariable("MAE_SERVER", fixture.GrpcAddress);
        Environment.SetEnvironmentVariable("MAE_API_KEY", CliControlServer.ViewerKey);
        try
        {
            Assert.Equal(0, (await Run("status")).Code);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MAE_SERVER", null);
            Environment.SetEnvironmentVariable("MAE_API_KEY", null);
        }
    }

    [Fact]
    public async Task KeysHash_MatchesTheHost()
    {
        var result = await Run("keys", "hash", "mae-dev-admin-key");

        Assert.Equal(0, result.Code);
        Assert.Equal(ApiKeyHasher.Hash("mae-dev-admin-key"), result.Output.Trim());
        Assert.Equal("1151ed2b21a1f4163f9ee78dbf5ccac22b8afb5399d694e13e38dd9f3970a345", result.Output.Trim());
    }
}
