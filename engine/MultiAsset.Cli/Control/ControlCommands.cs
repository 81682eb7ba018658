using System.CommandLine;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>
/// maectl's control commands (gRPC client of the host's control sidecar): status, strategies, optimize, rebalance,
/// execution, accounts, risk, conflicts, orders, halt/resume.
/// </summary>
internal static class ControlCommands
{
    private static readonly string[] StrategyColumns = ["id", "name", "type", "account", "status"];

    public static IEnumerable<Command> Create(ControlOptions options, TextWriter output, TextWriter error)
    {
        var runner = new ControlRunner(options, output, error);
        var watcher = new WatchRunner(options, output, error);
        var status = new Command("status", "Whether the engine answers, and its strategies");
        runner.Bind(status, _ => (c, o) => c.GetStatusAsync(new Empty(), o));
        yield return status;
        yield return Strategies(runner);
        yield return FileCommand(runner, "optimize", "Run the portfolio optimiser on a request file (OptimizeRequest JSON)", (c, json, o) => c.OptimizeAsync(new JsonRequest { Json = json }, o));
        yield return FileCommand(runner, "rebalance", "Send target weights for a strategy (TargetWeightsRequest JSON)", (c, json, o) => c.RebalanceAsync(new JsonRequest { Json = json }, o));
        yield return Execution(runner);
        yield return Accounts(runner, watcher);
        yield return Positions(watcher);
        yield return Risk(runner, watcher);
        var (fillsWatch, fillsInterval) = WatchOptions();
        yield return OrderCommands.Fills(runner, watcher, fillsWatch, fillsInterval);
        yield return Conflicts(runner);
        yield return OrderCommands.Orders(runner, FileCommand(runner, "batch", "Submit a batch of orders ({\"orders\": [...]} JSON); prints each order's id and status", (c, json, o) => c.SubmitOrdersAsync(new JsonRequest { Json = json }, o)));
        yield return BacktestCommands.Create(options, runner, output, error);
        yield return KillSwitch(runner, "halt", "Switch the kill switch on (for --account, or globally)", on: true);
        yield return KillSwitch(runner, "resume", "Switch the kill switch off (for --account, or globally)", on: false);
    }

    private static Command Strategies(ControlRunner runner)
    {
        var strategies = new Command("strategies", "List, show, create, deploy, stop and delete strategies");
        var list = new Command("list", "Every strategy the key may see");
        runner.Bind(list, _ => (c, o) => c.ListStrategiesAsync(new Empty(), o), StrategyColumns);
        strategies.Subcommands.Add(list);
        strategies.Subcommands.Add(IdCommand(runner, "show", "One strategy", (c, id, o) => c.GetStrategyAsync(new StrategyId { Id = id }, o)));
        strategies.Subcommands.Add(FileCommand(runner, "create", "Create a strategy from a document (the seed's MultiAssetStrategy JSON)", (c, json, o) => c.CreateStrategyAsync(new JsonRequest { Json = json }, o)));
        strategies.Subcommands.Add(IdCommand(runner, "deploy", "Deploy a created or stopped strategy", (c, id, o) => c.DeployStrategyAsync(new StrategyId { Id = id }, o)));
        strategies.Subcommands.Add(FlattenCommand(runner, "stop", "Stop a deployed strategy", (c, id, flatten, o) => c.StopStrategyAsync(new StopStrategyRequest { Id = id, Flatten = flatten }, o)));
        strategies.Subcommands.Add(FlattenCommand(runner, "delete", "Stop (if deployed) and delete a strategy", (c, id, flatten, o) => c.DeleteStrategyAsync(new StopStrategyRequest { Id = id, Flatten = flatten }, o)));
        return strategies;
    }

    private static Command Execution(ControlRunner runner)
    {
        var execution = new Command("execution", "Pre-trade previews and execution quality");
        execution.Subcommands.Add(FileCommand(runner, "preview", "Preview an execution schedule and its cost (ExecutionPreviewRequest JSON)", (c, json, o) => c.PreviewExecutionAsync(new JsonRequest { Json = json }, o)));
        var quality = new Command("quality", "Execution quality / transaction cost analysis");
        runner.Bind(quality, _ => (c, o) => c.GetExecutionQualityAsync(new Empty(), o));
        execution.Subcommands.Add(quality);
        return execution;
    }

    private static Command Accounts(ControlRunner runner, WatchRunner watcher)
    {
        var id = new Argument<string?>("account") { Description = "One account (default: every account the key may see)", Arity = ArgumentArity.ZeroOrOne };
        var (watch, interval) = WatchOptions();
        var command = new Command("accounts", "Account snapshots with positions (--watch: a live table)") { id, watch, interval };
        command.SetAction((parse, cancellation) => parse.GetValue(watch)
            ? watcher.RunAsync(parse, (c, o) => c.WatchPositions(Watch(parse.GetValue(id), parse.GetValue(interval)), o), WatchTables.Accounts, once: false, cancellation)
            : runner.RunAsync(parse, () => (c, o) => c.GetAccountsAsync(new AccountRequest { Account = parse.GetValue(id) ?? string.Empty }, o), null, cancellation));
        return command;
    }

    private static Command Positions(WatchRunner watcher)
    {
        var id = new Argument<string?>("account") { Description = "One account (default: every account the key may see)", Arity = ArgumentArity.ZeroOrOne };
        var (watch, interval) = WatchOptions();
        var command = new Command("positions", "Positions of every account the key may see (--watch: a live table)") { id, watch, interval };
        command.SetAction((parse, cancellation) => watcher.RunAsync(
            parse, (c, o) => c.WatchPositions(Watch(parse.GetValue(id), parse.GetValue(interval)), o), WatchTables.Positions, once: !parse.GetValue(watch), cancellation));
        return command;
    }

    private static Command Risk(ControlRunner runner, WatchRunner watcher)
    {
        var account = new Option<string?>("--account") { Description = "One account (default: all the key may see)" };
        var (watch, interval) = WatchOptions();
        var command = new Command("risk", "Cross-asset risk analysis (--watch: a live table)") { account, watch, interval };
        command.SetAction((parse, cancellation) => parse.GetValue(watch)
            ? watcher.RunAsync(parse, (c, o) => c.WatchRisk(Watch(parse.GetValue(account), parse.GetValue(interval)), o), WatchTables.Risk, once: false, cancellation)
            : runner.RunAsync(parse, () => (c, o) => c.GetRiskAsync(new AccountRequest { Account = parse.GetValue(account) ?? string.Empty }, o), null, cancellation));
        RiskCommands.AddTo(command, runner);
        return command;
    }

    private static (Option<bool> Watch, Option<int> Interval) WatchOptions()
        => (new Option<bool>("--watch", "-w") { Description = "Keep a live table open (gRPC stream); Ctrl-C ends it" },
            new Option<int>("--interval") { Description = "Poll interval of the stream in ms (default 500; 100..60000)" });

    private static WatchRequest Watch(string? account, int intervalMs) => new() { Account = account ?? string.Empty, IntervalMs = intervalMs };

    private static Command Conflicts(ControlRunner runner)
    {
        var limit = new Option<int>("--limit") { Description = "How many recent conflicts (default 100)" };
        var command = new Command("conflicts", "Recent strategy conflicts") { limit };
        runner.Bind(command, parse => (c, o) => c.GetConflictsAsync(new ConflictsRequest { Limit = parse.GetValue(limit) }, o));
        return command;
    }

    private static Command KillSwitch(ControlRunner runner, string name, string description, bool on)
    {
        var account = new Option<string?>("--account") { Description = "The account (default: every account)" };
        var command = new Command(name, description) { account };
        runner.Bind(command, parse => (c, o) => c.SetKillSwitchAsync(new KillSwitchRequest { Account = parse.GetValue(account) ?? string.Empty, On = on }, o));
        return command;
    }

    private static Command FileCommand(ControlRunner runner, string name, string description, Func<MultiAsset.Control.V1.Control.ControlClient, string, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<JsonReply>> call)
    {
        var file = new Option<string>("--file", "-f") { Description = "The JSON request file", Required = true };
        var command = new Command(name, description) { file };
        runner.Bind(command, parse =>
        {
            var json = ControlRunner.ReadFile(parse.GetValue(file));
            return (c, o) => call(c, json, o);
        });
        return command;
    }

    private static Command IdCommand(ControlRunner runner, string name, string description, Func<MultiAsset.Control.V1.Control.ControlClient, string, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<JsonReply>> call)
    {
        var id = new Argument<string>("id") { Description = "The strategy id" };
        var command = new Command(name, description) { id };
        runner.Bind(command, parse => (c, o) => call(c, parse.GetValue(id)!, o));
        return command;
    }

    private static Command FlattenCommand(ControlRunner runner, string name, string description, Func<MultiAsset.Control.V1.Control.ControlClient, string, bool, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<JsonReply>> call)
    {
        var id = new Argument<string>("id") { Description = "The strategy id" };
        var flatten = new Option<bool>("--flatten") { Description = "Also close the strategy's positions" };
        var command = new Command(name, description) { id, flatten };
        runner.Bind(command, parse => (c, o) => call(c, parse.GetValue(id)!, parse.GetValue(flatten), o));
        return command;
    }
}
