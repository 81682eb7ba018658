using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Engine.Portfolio.Optimization;
using MultiAsset.Host;
using MultiAsset.Host.Control;
using MultiAsset.Host.Control.Application;
using MultiAsset.Host.Control.Metrics;

if (args.Length > 0 && args[0] == "backtest")
{
    // A backtest is the same engine on a replay, run to the end of its data: no control API, no hosted service.
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupt.Cancel();
    };
    return await MultiAsset.Host.Backtesting.BacktestCommand.RunAsync(args[1..], Console.Out, Console.Error, interrupt.Token);
}

if (args.Length > 0 && args[0] == "replay-diff")
{
    // Replays a journal twice (recorded vs changed configuration) in-process and reports where they part (docs/replay-diff.md).
    return await MultiAsset.Host.ReplayDiff.ReplayDiffCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

HostRunOptions runOptions;
HostConfig config;
ControlConfig control;
try
{
    runOptions = HostRunOptions.Parse(args);
    config = HostConfig.Load(runOptions.ConfigPath);
    if (runOptions.Until is { } until)
    {
        config = until.Apply(config);
    }

    control = ControlConfig.Load(runOptions.ConfigPath);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}{Environment.NewLine}{HostRunOptions.Usage}");
    return 2;
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"configuration error: {ex.Message}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSystemd();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
});

// The pipeline is wired before the host starts so a layout that does not fit the stages exits with a clear error.
using var engineLogs = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss ";
}));
var exceptionHandler = new LoggingExceptionHandler(engineLogs.CreateLogger("MultiAsset.Engine"));
EngineRuntime engine;
try
{
    engine = EngineRuntime.Build(config, SystemClock.Instance, exceptionHandler, engineLogs.CreateLogger("MultiAsset.Journal"), engineLogs.CreateLogger("MultiAsset.MarketData"));
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"configuration error: {ex.Message}");
    return 2;
}
catch (JournalException ex)
{
    // A journal that cannot be opened safely stops the engine before anything runs: starting without its history
    // would silently lose state, and retrying would not help (the message says what to do).
    await Console.Error.WriteLineAsync($"journal error: {ex.Message}");
    return 3;
}

var readiness = new EngineReadiness();
builder.Services.AddSingleton(readiness);
builder.Services.AddSingleton(config);
builder.Services.AddSingleton(runOptions);
builder.Services.AddSingleton(engine);
builder.Services.AddSingleton<EngineService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineService>());
if (control.Enabled)
{
    // The control sidecar (REST + gRPC on Kestrel) runs beside the engine and reaches it only through its command client.
    builder.Services.AddSingleton(control);
    var commands = new EngineCommands(engine.Commands, control.CommandTimeout, readiness);
    // Backtest jobs run their own engines (results under data/backtests/ID, spec paths relative to the working folder).
    var backtests = new MultiAsset.Host.Backtesting.BacktestJobs(Path.Combine(Environment.CurrentDirectory, "data", "backtests"), Environment.CurrentDirectory, engineLogs.CreateLogger("MultiAsset.Backtest"));
    // Compliance reports read the trail and journal files the engine writes (never the engine itself).
    var reports = config.Journal is { AuditTrail: true } journalForReports
        ? new ComplianceReportSource(MultiAsset.Engine.Journal.Audit.AuditTrailOptions.For(journalForReports).Directory, journalForReports.Directory,
            new MultiAsset.Engine.Compliance.ReportNames(config.MarketData.Catalog, [.. config.Trading.Accounts.Accounts.Select(a => a.Key) ?? []],
                [.. config.Trading.Venues?.Venues.Select(v => v.Name) ?? []], [.. control.ApiKeys.Select(k => k.Name)]))
        : null;
    builder.Services.AddSingleton(new ControlService(commands, new CatalogAssetInfoLookup(config.MarketData.Catalog)) { Backtests = backtests, Alerts = new MultiAsset.Host.Control.Alerts.AlertMonitor(), Reports = reports });
    if (reports is not null)
    {
        builder.Services.AddHostedService(sp => new MultiAsset.Host.Compliance.DailyReportService(reports, Path.Combine(Environment.CurrentDirectory, "data", "reports"), sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiAsset.Compliance")));
    }

    builder.Services.AddHostedService(sp => new MultiAsset.Host.Optimization.LiveOptimizerService(
        MultiAsset.Host.Optimization.LiveOptimizerService.Load(runOptions.ConfigPath), commands, sp.GetRequiredService<ILogger<MultiAsset.Host.Optimization.LiveOptimizerService>>()));

    // Metrics (GET /metrics): tick → order latency is timed by the risk stage's OrderObserved hook, installed before
    // the pipeline starts (see Control/Metrics/TickToOrderRecorder.cs for what exactly is measured).
    var latency = new TickToOrderRecorder(engine.Input, SystemClock.Instance);
    engine.Stages.Risk.OrderObserved = latency.Observe;
    builder.Services.AddSingleton(sp => new EngineMetrics(engine, commands, latency, logger: sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiAsset.Risk")));
    builder.Services.AddHostedService<ControlHostedService>();
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    builder.Logging.AddFilter("Grpc", LogLevel.Warning);
    // The control server's start-up failures (a port in use) are reported by us in one line, exit 2: not as the
    // hosting library's exception dump.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
}

builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = config.Pipeline.DrainTimeout + TimeSpan.FromSeconds(5));

using var runtime = engine;
using var host = builder.Build();
var service = host.Services.GetRequiredService<EngineService>();
try
{
    await host.StartAsync();
}
catch (OperationCanceledException)
{
    // The run ended (end of a short replay, --recover-only, a signal) while a service was still starting: not an
    // error. WaitForShutdownAsync below stops what did start, and the engine's exit code stands.
}
catch (IOException ex) when (control.Enabled)
{
    // Kestrel could not bind (the port is taken, or the address is not local).
    await Console.Error.WriteLineAsync($"control API: cannot listen on {control.Listen} / {control.GrpcListen}: {ex.Message}");
    host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
    await host.StopAsync();
    return 2;
}

await host.WaitForShutdownAsync();
return service.ExitCode;
