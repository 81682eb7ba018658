using System.CommandLine;
using MultiAsset.Cli.Journal;
using MultiAsset.Engine.Compliance;
using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Journal.Audit;

namespace MultiAsset.Cli.Reports;

/// <summary>
/// <c>maectl report positions|limits|best-execution|transactions</c>: the compliance reports (docs/compliance-reports.md),
/// read offline from the audit trail and input journal of a journal folder (never modified).
/// </summary>
internal static class ReportCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var report = new Command("report", "Compliance reports from the audit trail: positions, limit compliance, best execution, transactions");
        report.Subcommands.Add(Kind("positions", "Positions at an instant (--at, default the end) by account, class, instrument and currency, with valuation", output, error));
        report.Subcommands.Add(Kind("limits", "Limit compliance: refusals per rule with peak usage; every refusal, hold and kill-switch action", output, error));
        report.Subcommands.Add(Kind("best-execution", "Best execution per class, currency, venue and algorithm: fill rates, slippage, price improvement, latency, costs", output, error));
        report.Subcommands.Add(Kind("transactions", "One row per order event, with the fields of an order-event report", output, error));
        return report;
    }

    private static Command Kind(string kind, string description, TextWriter output, TextWriter error)
    {
        var journal = new Option<string>("--journal") { Description = "The journal folder (its audit/ folder holds the trail)", DefaultValueFactory = _ => Path.Combine("data", "journal") };
        var config = new Option<string>("--config-dir") { Description = "The configuration folder the engine ran with (names of instruments, accounts, venues)", DefaultValueFactory = _ => "config" };
        var from = new Option<string?>("--from") { Description = "Start, ISO-8601 UTC (inclusive)" };
        var to = new Option<string?>(kind == "positions" ? "--at" : "--to") { Description = kind == "positions" ? "The instant, ISO-8601 UTC (fills before it); default the end" : "End, ISO-8601 UTC (exclusive)" };
        var accounts = new Option<string[]>("--account") { Description = "An account to report (repeat for several); default the firm", AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "json");
        var file = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command(kind, description) { journal, config, to, accounts, format, file };
        if (kind != "positions")
        {
            command.Options.Add(from);
        }

        command.SetAction(parse => JournalCommands.Guard(error, () =>
        {
            var directory = parse.GetValue(journal)!;
            var trail = Path.Combine(directory, AuditTrailFiles.DefaultFolder);
            if (!File.Exists(AuditTrailFiles.TrailPath(trail)))
            {
                throw new UsageException($"no audit trail in {trail} (the journal folder the engine wrote, e.g. data/journal)");
            }

            ReportNames names;
            try
            {
                names = ReportNamesLoader.Load(parse.GetValue(config)!);
            }
            catch (FileNotFoundException e)
            {
                throw new UsageException(e.Message);
            }

            var scope = new ReportScope
            {
                From = kind == "positions" ? null : CliInputs.Time(parse.GetValue(from), "--from"),
                To = CliInputs.Time(parse.GetValue(to), kind == "positions" ? "--at" : "--to"),
                Accounts = Accounts(parse.GetValue(accounts), names),
            };
            var json = parse.GetValue(format) == "json";
            var prices = Directory.Exists(directory) ? directory : null;
            var target = parse.GetValue(file);
            CliInputs.WriteTo(target, output, error, writer =>
            {
                ComplianceReports.Write(kind, trail, prices, names, scope, json, writer);
                return $"{kind} report written to {target}";
            });

            return 0;
        }));
        return command;
    }

    private static HashSet<int>? Accounts(string[]? given, ReportNames names)
    {
        if (given is null || given.Length == 0)
        {
            return null;
        }

        var ids = new HashSet<int>();
        foreach (var name in given)
        {
            var id = names.AccountId(name);
            ids.Add(id >= 0 ? id : throw new UsageException($"--account: unknown account '{name}' (known: {string.Join(", ", names.Accounts)})"));
        }

        return ids;
    }
}
