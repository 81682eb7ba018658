using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MultiAsset.Reports.Tests;

public sealed partial class BacktestReportTests
{
    private static readonly string[] AllCharts = ["equity-drawdown.png", "monthly-returns.png", "allocation.png", "rolling-sharpe.png", "contribution.png", "correlation.png"];

    [Fact]
    public void Write_HandmadeFolder_WritesHeadlineNumbersFromResultJson()
    {
        using var folder = new FixtureFolder("handmade");

        var path = BacktestReport.Write(folder.Path);

        Assert.Equal(folder.File("report.html"), path);
        var html = File.ReadAllText(path);
        // Header: name (encoded), period, settings, digest.
        Assert.Contains("<h1>handmade &lt;run&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("2024-01-01T00:00:00.0000000Z → 2024-02-29T12:00:00.0000000Z", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Engine digest</th><td>0123456789abcdef</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Fees</th><td>maker 1 bps, taker 10 bps, per unit 0</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Risk-free rate</th><td>2.00%</td></tr>", html, StringComparison.Ordinal);

        // P&L, total return, CAGR, volatility, Sharpe, Sortino, Calmar, max DD, its duration, trades, hit rate, profit factor, costs.
        Assert.Equal(["-1.00", "-1.00%", "–", "43.21%", "1.23", "–", "0.50", "-10.00%", "2d 3h 0m", "3", "66.67%", "–", "1.50"], Cells(html, "portfolio", "portfolio"));
        Assert.Equal(["-1.00", "-1.00%", "-5.98%", "43.21%", "1.23", "2.50", "-0.60", "-10.00%", "2d 3h 0m", "3", "66.67%", "0.56", "1.50"], Cells(html, "main", "account"));
        Assert.Equal(["-2.50", "-2.50%", "–", "–", "–", "–", "–", "-8.25%", "0h 42m", "2", "50.00%", "0.33", "1.00"], Cells(html, "alpha", "strategy"));
        Assert.Equal(["1.50", "1.50%", "9.49%", "5.00%", "3.21", "–", "–", "0.00%", "0", "1", "100.00%", "–", "0.50"], Cells(html, "beta", "strategy"));
    }

    /// <summary>Brinson effects in result.json become a table per account: weights and effects as percentages.</summary>
    [Fact]
    public void Write_ResultWithBrinson_WritesTheEffectsTable()
    {
        using var folder = new FixtureFolder("handmade");
        var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(folder.File("result.json")))!;
        result["brinson"] = System.Text.Json.Nodes.JsonNode.Parse("""
            [ { "account": "main", "strategy": "alpha", "linking": "carino", "periods": 3, "portfolioReturn": 0.01, "accountReturn": 0.01,
                "benchmarkReturn": 0.03, "activeReturn": -0.02, "residual": 1e-16,
                "segments": [ { "segment": "CRYPTO", "targetWeight": 1, "averageWeight": 0.25, "allocation": 0, "selection": 0.005, "interaction": -0.004, "total": 0.001 },
                              { "segment": "CASH", "targetWeight": 0, "averageWeight": 0.75, "allocation": -0.021, "selection": 0, "interaction": 0, "total": -0.021 } ] } ]
            """);
        File.WriteAllText(folder.File("result.json"), result.ToJsonString());

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        Assert.Contains("<h2>Brinson–Fachler against the target allocation</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>main (alpha): return 1.00%, target allocation 3.00%, active -2.00%</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>CASH</td><td class=\"n\">0.00%</td><td class=\"n\">75.00%</td><td class=\"n neg\">-2.10%</td>", html, StringComparison.Ordinal);
    }

    /// <summary>The VaR backtest becomes one row per account and P&amp;L series, p-values under 5 % marked.</summary>
    [Fact]
    public void Write_ResultWithVarBacktest_WritesTheTestsTable()
    {
        using var folder = new FixtureFolder("handmade");
        var result = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(folder.File("result.json")))!;
        result["varBacktest"] = System.Text.Json.Nodes.JsonNode.Parse("""
            [ { "account": "main", "currency": "USD", "method": "parametric", "confidence": 0.99, "horizon": "1d", "daysWithoutForecast": 0,
                "hypothetical": { "observations": 6, "exceptions": 0, "exceptionRate": 0, "kupiecPValue": 0.7284, "independencePValue": 1, "conditionalCoveragePValue": 0.9415, "zone": "Green" },
                "actual": { "observations": 6, "exceptions": 1, "exceptionRate": 0.1667, "kupiecPValue": 0.0482, "independencePValue": 1, "conditionalCoveragePValue": 0.142, "zone": "Yellow" },
                "days": [] } ]
            """);
        File.WriteAllText(folder.File("result.json"), result.ToJsonString());

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        Assert.Contains("<tr><td>main</td><td>hypothetical</td><td class=\"n\">6</td><td class=\"n\">0</td><td class=\"n\">0.00%</td><td class=\"n\">0.728</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>main</td><td>actual</td><td class=\"n\">6</td><td class=\"n\">1</td><td class=\"n\">16.67%</td><td class=\"n neg\">0.048</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Yellow</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HandmadeFolder_WritesAttributionAndTrades()
    {
        using var folder = new FixtureFolder("handmade");

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        Assert.Contains("By strategy, USD (accounts: main)", html, StringComparison.Ordinal);
        Assert.Contains("By asset class, USD (accounts: main)", html, StringComparison.Ordinal);
        Assert.Contains("By instrument, USD (accounts: main)", html, StringComparison.Ordinal);
        // The instrument under alpha → CRYPTO sits two levels deep.
        Assert.Contains("<td style=\"padding-left:44px\">BTCUSD</td><td class=\"n neg\">-4.00</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"total\"><td style=\"padding-left:8px\">TOTAL</td>", html, StringComparison.Ordinal);
        // Trade summary over trades.csv: 3 trips, 2 wins, 1 loss, net 1.5 − 4.5 + 1 = −2; a quoted symbol read whole.
        Assert.Contains("<tr><th>Closed round trips</th><td>3</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Wins / losses</th><td>2 / 1</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Net P&amp;L</th><td>-2.00</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td>ODD,NAME</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HandmadeFolder_WritesEveryChartAsValidPngAndEmbedsIt()
    {
        using var folder = new FixtureFolder("handmade");

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        foreach (var chart in AllCharts)
        {
            AssertPng(folder.File(Path.Combine("charts", chart)));
            Assert.Contains($"<code>charts/{chart}</code>", html, StringComparison.Ordinal);
        }

        Assert.Equal(AllCharts.Length, DataUri().Count(html));
        // Self-contained: no script and nothing fetched from elsewhere.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("trailing 5 returns", html, StringComparison.Ordinal);
        Assert.Contains("P = 365 periods a year", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SampleWithOneStrategy_SkipsCorrelationWithNote()
    {
        using var folder = new FixtureFolder("btc-momentum");

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        foreach (var chart in AllCharts.Where(c => c != "correlation.png"))
        {
            AssertPng(folder.File(Path.Combine("charts", chart)));
        }

        Assert.False(File.Exists(folder.File("charts/correlation.png")));
        Assert.Contains("Not drawn: one strategy only", html, StringComparison.Ordinal);
        Assert.Equal(["-109,975.31", "-11.00%", "-98.58%", "31.71%", "-11.98", "-10.96", "-7.78", "-12.67%", "9d 23h 59m", "1,514", "40.03%", "0.54", "50,596.43"],
            Cells(html, "portfolio", "portfolio"));
        Assert.Contains("<tr><th>Engine digest</th><td>fa17370f3ba27cb7</td></tr>", html, StringComparison.Ordinal);
        // The trimmed trades.csv holds 60 trips; the report lists 50 of them.
        Assert.Contains("<tr><th>Closed round trips</th><td>60</td></tr>", html, StringComparison.Ordinal);
        Assert.Equal(50, Regex.Count(html, "<tr><td>2024-01-"));
    }

    [Fact]
    public void Write_WithoutPortfolio_SumsTheAccountsOfOneCurrencyAndNamesTheRest()
    {
        using var folder = new FixtureFolder("handmade");
        var result = JsonNode.Parse(File.ReadAllText(folder.File("result.json")))!;
        result["portfolio"] = null;
        result["portfolioNote"] = "the accounts' base currencies differ (USD, EUR)";
        var euro = result["accounts"]![0]!.DeepClone();
        euro["name"] = "euro";
        euro["account"] = "euro";
        euro["currency"] = "EUR";
        result["accounts"]!.AsArray().Add(euro);
        File.WriteAllText(folder.File("result.json"), result.ToJsonString());
        File.AppendAllText(folder.File("equity.csv"), "2024-02-29T13:00:00.0000000Z,euro,500,0,0,0,0,0\n");

        var html = File.ReadAllText(BacktestReport.Write(folder.Path));

        Assert.DoesNotContain("<td>portfolio</td>", html, StringComparison.Ordinal);
        Assert.Contains("No portfolio total: the accounts&#39; base currencies differ (USD, EUR)", html, StringComparison.Ordinal);
        Assert.Contains("Equity of the accounts in USD: main at every sample", html, StringComparison.Ordinal);
        Assert.Contains("Not summed (another base currency): euro.", html, StringComparison.Ordinal);
        Assert.Equal(["-1.00", "-1.00%", "-5.98%", "43.21%", "1.23", "2.50", "-0.60", "-10.00%", "2d 3h 0m", "3", "66.67%", "0.56", "1.50"], Cells(html, "euro", "account"));
        AssertPng(folder.File("charts/equity-drawdown.png"));
    }

    [Fact]
    public void Write_Twice_ReplacesTheReport()
    {
        using var folder = new FixtureFolder("handmade");

        BacktestReport.Write(folder.Path);
        var path = BacktestReport.Write(folder.Path);

        Assert.True(File.Exists(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Write_WithoutEquityCsv_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new FixtureFolder("handmade");
        File.Delete(folder.File("equity.csv"));

        var error = Assert.Throws<FileNotFoundException>(() => BacktestReport.Write(folder.Path));

        Assert.Equal(folder.File("equity.csv"), error.FileName);
        Assert.Contains("equity.csv", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("report.html")));
    }

    [Fact]
    public void Write_WithoutResultJson_ThrowsFileNotFoundNamingIt()
    {
        using var folder = new FixtureFolder("handmade");
        File.Delete(folder.File("result.json"));

        var error = Assert.Throws<FileNotFoundException>(() => BacktestReport.Write(folder.Path));

        Assert.Equal(folder.File("result.json"), error.FileName);
    }

    [Fact]
    public void Write_WithMalformedResultJson_ThrowsInvalidDataNamingIt()
    {
        using var folder = new FixtureFolder("handmade");
        File.WriteAllText(folder.File("result.json"), "{ \"name\": \"x\", ");

        var error = Assert.Throws<InvalidDataException>(() => BacktestReport.Write(folder.Path));

        Assert.Contains("result.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time,account,equity\n2024-01-01T00:00:00Z,main,100\n", "lacks the column(s) grossExposure")]
    [InlineData("time,account,equity,grossExposure,netExposure,stockNet,forexNet,cryptoNet\n", "no equity samples")]
    [InlineData("time,account,equity,grossExposure,netExposure,stockNet,forexNet,cryptoNet\n2024-01-01T00:00:00Z,main,100,0,0,0,0,0\n2024-01-02T00:00:00Z,main,abc,0,0,0,0,0\n", "equity.csv:3: 'equity' is 'abc', not a number")]
    [InlineData("time,account,equity,grossExposure,netExposure,stockNet,forexNet,cryptoNet\nyesterday,main,100,0,0,0,0,0\n", "equity.csv:2: 'time' is 'yesterday'")]
    public void Write_WithMalformedEquityCsv_ThrowsInvalidDataNamingFileAndReason(string content, string reason)
    {
        using var folder = new FixtureFolder("handmade");
        File.WriteAllText(folder.File("equity.csv"), content);

        var error = Assert.Throws<InvalidDataException>(() => BacktestReport.Write(folder.Path));

        Assert.Contains("equity.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MissingFolder_ThrowsDirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() => BacktestReport.Write(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}")));
    }

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} has {bytes.Length} bytes only");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // The IHDR chunk follows: width and height big-endian, both non-zero.
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)) > 100);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)) > 100);
    }

    /// <summary>The numeric cells of the headline row of book <paramref name="name"/> of kind <paramref name="kind"/>.</summary>
    private static string[] Cells(string html, string name, string kind)
    {
        var start = html.IndexOf($"<tr><td>{name}</td><td>{kind}</td>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no headline row for {kind} {name}");
        var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        return Regex.Matches(row, "<td class=\"n(?: neg)?\">([^<]*)</td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
    }

    [GeneratedRegex("src=\"data:image/png;base64,[A-Za-z0-9+/=]{1000,}\"")]
    private static partial Regex DataUri();
}
