using System.CommandLine;
using MultiAsset.Cli.Journal;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>
/// <c>maectl risk ...</c> subcommands beyond the risk report itself: <c>var</c> (live portfolio risk measures, or a
/// what-if on explicit inputs with <c>-f</c>) and <c>correlation</c> (the live matrix, its long-run counterpart and the
/// breaks).
/// </summary>
internal static class RiskCommands
{
    /// <summary>Adds the subcommands to the <c>risk</c> command.</summary>
    public static void AddTo(Command risk, ControlRunner runner)
    {
        risk.Subcommands.Add(Var(runner));
        risk.Subcommands.Add(Stress(runner));
        var backtest = new Option<string>("--file", "-f") { Description = "{ \"realisedPnl\": [...], \"valueAtRisk\": [...], \"confidence\": 0.99 } (oldest day first)", Required = true };
        var command = new Command("backtest", "Kupiec and Christoffersen tests of realised daily P&L against its VaR forecasts, and the Basel zone") { backtest };
        runner.Bind(command, parse =>
        {
            var json = ControlRunner.ReadFile(parse.GetValue(backtest));
            return (c, o) => c.BacktestVaRAsync(new JsonRequest { Json = json }, o);
        });
        risk.Subcommands.Add(command);
        risk.Subcommands.Add(Correlation(runner));
    }

    private static Command Stress(ControlRunner runner)
    {
        var scenario = new Option<string[]>("--scenario") { Description = "A scenario of config/scenarios.json (repeat for several; default: all of them)", AllowMultipleArgumentsPerToken = true };
        var account = new Option<string[]>("--account") { Description = "An account (repeat for several; default: every account the key may see)" };
        var file = new Option<string?>("--file", "-f") { Description = "A POST /risk/stress body (ad-hoc shocks, what-if positions)" };
        var command = new Command("stress", "Revalue accounts under stress scenarios; shows the P&L and the limits that would be breached") { scenario, account, file };
        runner.Bind(
            command,
            parse =>
            {
                string json;
                if (parse.GetValue(file) is { } path)
                {
                    if (parse.GetValue(scenario) is { Length: > 0 } || parse.GetValue(account) is { Length: > 0 })
                    {
                        throw new UsageException("-f takes its scenarios and accounts from the file; leave out --scenario and --account");
                    }

                    json = ControlRunner.ReadFile(path);
                }
                else
                {
                    var body = new System.Text.Json.Nodes.JsonObject();
                    body["scenarios"] = parse.GetValue(scenario) is { Length: > 0 } named
                        ? new System.Text.Json.Nodes.JsonArray([.. named.Select(s => (System.Text.Json.Nodes.JsonNode?)s)])
                        : "all";
                    if (parse.GetValue(account) is { Length: > 0 } accounts)
                    {
                        body["accounts"] = new System.Text.Json.Nodes.JsonArray([.. accounts.Select(a => (System.Text.Json.Nodes.JsonNode?)a)]);
                    }

                    json = body.ToJsonString();
                }

                return (c, o) => c.StressTestAsync(new JsonRequest { Json = json }, o);
            },
            render: StressTable.Write);
        return command;
    }

    private static Command Var(ControlRunner runner)
    {
        var account = new Option<string?>("--account") { Description = "One account (default: all the key may see, and the firm)" };
        var method = new Option<string?>("--method") { Description = "parametric (default) or monteCarlo" };
        var confidence = new Option<string?>("--confidence") { Description = "A fraction in (0, 1) (default 0.99)" };
        var horizon = new Option<string?>("--horizon") { Description = "Event time, e.g. 1d (default), 10d, 1h" };
        var file = new Option<string?>("--file", "-f") { Description = "A what-if: a POST /risk/analysis body (positions with a covariance, returns or scenarios)" };
        var command = new Command("var", "Value at risk, expected shortfall and their decomposition (live positions, or -f FILE for explicit inputs)") { account, method, confidence, horizon, file };
        runner.Bind(
            command,
            parse =>
            {
                if (parse.GetValue(file) is { } path)
                {
                    if (parse.GetValue(account) is not null || parse.GetValue(method) is not null || parse.GetValue(confidence) is not null || parse.GetValue(horizon) is not null)
                    {
                        throw new UsageException("-f takes its method, confidence and horizon from the file; leave out --account, --method, --confidence and --horizon");
                    }

                    var json = ControlRunner.ReadFile(path);
                    return (c, o) => c.ComputeRiskAsync(new JsonRequest { Json = json }, o);
                }

                var request = new RiskAnalysisRequest
                {
                    Account = parse.GetValue(account) ?? string.Empty,
                    Method = parse.GetValue(method) ?? string.Empty,
                    Confidence = parse.GetValue(confidence) ?? string.Empty,
                    Horizon = parse.GetValue(horizon) ?? string.Empty,
                };
                return (c, o) => c.GetRiskAnalysisAsync(request, o);
            },
            render: VarTable.Write);
        return command;
    }

    private static Command Correlation(ControlRunner runner)
    {
        var threshold = new Option<string?>("--threshold") { Description = "|live − long-run| correlation change flagged as a break (default 0.3)" };
        var symbols = new Option<string?>("--symbols") { Description = "Comma-separated symbols to show (default: the whole universe)" };
        var command = new Command("correlation", "The live EWMA correlation matrix, its long-run counterpart and the pairs that broke away") { threshold, symbols };
        runner.Bind(
            command,
            parse => (c, o) => c.GetCorrelationAsync(new CorrelationRequest { Threshold = parse.GetValue(threshold) ?? string.Empty, Symbols = parse.GetValue(symbols) ?? string.Empty }, o),
            render: CorrelationTable.Write);
        return command;
    }
}
