using MultiAsset.Engine.MarketData.Feeds;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Host;

namespace MultiAsset.Host.Tests;

public class HostConfigTests
{
    private static readonly string ShippedInstruments = Path.Combine(AppContext.BaseDirectory, "config", "instruments.json");

    private static InstrumentCatalog Shipped(string name) => InstrumentCatalogLoader.Load(ShippedInstruments);

    [Fact]
    public void Load_WithoutPath_UsesShippedDefaults()
    {
        var config = HostConfig.Load(null);

        var thread = Assert.Single(config.Pipeline.Threads);
        Assert.Contains(EngineRuntime.ChainStageName, thread.Stages);
        Assert.Equal(7, config.Strategies!.Documents.Count);
        Assert.Equal(8, config.Trading.Accounts.Count);
        Assert.Equal(WaitStrategyKind.Blocking, thread.WaitStrategy);
        Assert.True(config.MarketData.Catalog.Tradable.Count >= 30);
        Assert.NotEmpty(config.MarketData.Feeds);
    }

    [Fact]
    public void Parse_WhenNotJson_NamesSource()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse("{ nope", "my.json", Shipped));
        Assert.StartsWith("my.json: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenSectionsMissing_ReportsBoth()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse("{ }", "e.json", Shipped));

        Assert.Contains("e.json: pipeline: required section is missing", ex.Errors);
        Assert.Contains("e.json: marketData: required section is missing", ex.Errors);
    }

    [Fact]
    public void Parse_WhenMarketDataWrong_ReportsEveryProblemWithItsPath()
    {
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": {
                "analytics": { "timeframes": ["1m", "soon"], "correlation": { "universe": ["SPY", "NOPE"] } },
                "feeds": [ { "type": "telepathy" }, { "type": "csv", "files": ["/nonexistent/quotes.csv"], "speed": -2 } ] } }
            """;

        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse(json, "e.json", Shipped, "/tmp"));

        Assert.Contains("e.json: marketData.analytics.timeframes[1]: expected a whole number of seconds as a duration (e.g. 500ms, 10s, 5m, 1h, 1d)", ex.Errors);
        Assert.Contains("e.json: marketData.analytics.correlation.universe[1]: unknown instrument \"NOPE\"", ex.Errors);
        Assert.Contains("e.json: marketData.feeds[0].type: unknown feed type 'telepathy' (expected one of: synthetic, csv, parquet, cache)", ex.Errors);
        Assert.Contains("e.json: marketData.feeds[1].files[0]: file not found: /nonexistent/quotes.csv", ex.Errors);
        Assert.Contains("e.json: marketData.feeds[1].speed: expected a positive number but found -2", ex.Errors);
    }

    [Fact]
    public void Parse_WhenInstrumentFileBad_ReportsItsErrorsUnderMarketData()
    {
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
              "marketData": { "instruments": "bad.json", "feeds": [] } }
            """;

        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Parse(json, "e.json", _ => throw new ConfigurationException("bad.json: instruments[0].tickSize: must be positive")));

        Assert.Contains("e.json: marketData.instruments: bad.json: instruments[0].tickSize: must be positive", ex.Errors);
    }

    [Fact]
    public void Load_WhenFileMissing_NamesPath()
    {
        var ex = Assert.Throws<ConfigurationException>(() => HostConfig.Load("/nonexistent/engine.json"));
        Assert.Equal("/nonexistent/engine.json: file not found", ex.Message);
    }

    [Fact]
    public void EngineRuntime_WhenLayoutNamesUnknownStage_FailsAtBuild()
    {
        var json = """
            { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine", "journal"] } ] },
              "marketData": { "feeds": [ { "type": "csv", "files": ["REPLACE"] } ] } }
            """;
        var csv = Path.GetTempFileName();
        File.WriteAllText(csv, "timestamp,symbol,price,size\n");
        try
        {
            var config = HostConfig.Parse(json.Replace("REPLACE", csv, StringComparison.Ordinal), "e.json", Shipped);
            var ex = Assert.Throws<ConfigurationException>(() => EngineRuntime.Build(config, new SimulatedClock(), new LoggingExceptionHandler()));
            Assert.Contains("e.json: pipeline.threads[0].stages[1]: unknown stage 'journal' (known stages: engine)", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public void Parse_ReplayFeed_ResolvesFilesRelativeToConfigDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("mae-config-").FullName;
        File.WriteAllText(Path.Combine(directory, "quotes.csv"), "timestamp,symbol,bid,ask,bid_size,ask_size\n");
        try
        {
            var json = """
                { "pipeline": { "rings": [ { "name": "input", "size": 1024 }, { "name": "intents", "size": 65536 }, { "name": "orders", "size": 65536 } ], "threads": [ { "name": "e", "stages": ["engine"] } ] },
                  "marketData": { "feeds": [ { "type": "csv", "files": ["quotes.csv"], "pacing": "RecordedTimestamps", "speed": 10 } ] } }
                """;
            var config = HostConfig.Parse(json, "e.json", Shipped, directory);

            var feed = Assert.IsType<ReplayFeedDefinition>(Assert.Single(config.MarketData.Feeds));
            Assert.Equal(Path.Combine(directory, "quotes.csv"), Assert.Single(feed.Files));
            Assert.Equal(10, feed.Options.SpeedMultiple);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
