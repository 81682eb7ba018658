using System.CommandLine;
using MultiAsset.Control.V1;

namespace MultiAsset.Cli.Control;

/// <summary>
/// <c>maectl risk ...</c> subcommands beyond the risk report itself: <c>correlation</c> (the live matrix, its long-run
/// counterpart and the breaks).
/// </summary>
internal static class RiskCommands
{
    /// <summary>Adds the subcommands to the <c>risk</c> command.</summary>
    public static void AddTo(Command risk, ControlRunner runner)
    {
        risk.Subcommands.Add(Correlation(runner));
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
