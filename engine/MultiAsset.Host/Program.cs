using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Ring;
using MultiAsset.Host;

HostRunOptions runOptions;
HostConfig config;
try
{
    runOptions = HostRunOptions.Parse(args);
    config = HostConfig.Load(runOptions.ConfigPath);
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
    engine = EngineRuntime.Build(config, SystemClock.Instance, exceptionHandler, engineLogs.CreateLogger("MultiAsset.Journal"));
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

builder.Services.AddSingleton(config);
builder.Services.AddSingleton(runOptions);
builder.Services.AddSingleton(engine);
builder.Services.AddSingleton<EngineService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineService>());
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = config.Pipeline.DrainTimeout + TimeSpan.FromSeconds(5));

using var runtime = engine;
using var host = builder.Build();
var service = host.Services.GetRequiredService<EngineService>();
await host.RunAsync();
return service.ExitCode;
