using System.Globalization;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// The command line of <c>replay-diff</c> (<c>maectl replay diff</c>): <c>[--journal DIR] [--config A.json]
/// [--config-b B.json] [--risk F] [--venues F] [--coordination F] [--accounts F] [--universes F] [--strategy F]...
/// [--to N] [--json] [--rows N]</c>.
/// </summary>
internal sealed record ReplayDiffArguments(ReplayDiffRequest Request, bool Json, int Rows)
{
    public const string Usage = """
        usage: maectl replay diff [--journal DIR] [--config A.json] [--config-b B.json]
                                  [--risk FILE] [--venues FILE] [--coordination FILE] [--accounts FILE] [--universes FILE]
                                  [--strategy FILE]... [--to N] [--json] [--rows N]
          Replays the journal twice from its first record: A with --config (the configuration it was recorded with;
          default: the host's), B with --config-b (default: A's) and the given files in place of the ones its
          engine.json names (--strategy: a strategy document replacing the recorded one with the same id).
          --journal: default A's configured journal. --to N: only records 0..N-1. --rows: rows per table (default 50).
          Exit code: 0 identical, 1 differ, 2 bad input.
        """;

    /// <summary>Parses; on bad usage returns the one-line reason instead.</summary>
    public static (ReplayDiffArguments? Arguments, string? Error, bool Help) Parse(IReadOnlyList<string> args)
    {
        string? journal = null, configA = null, configB = null;
        long? to = null;
        var json = false;
        var rows = 50;
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        var strategies = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return (null, null, true);
            }

            if (name == "--json")
            {
                json = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                return (null, $"unexpected argument '{name}'", false);
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{name} needs a value", false);
            }

            var value = args[++i];
            var field = name[2..];
            switch (name)
            {
                case "--journal":
                    journal = value;
                    break;
                case "--config" or "--config-a":
                    configA = value;
                    break;
                case "--config-b":
                    configB = value;
                    break;
                case "--strategy":
                    strategies.Add(value);
                    break;
                case "--to":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        return (null, $"--to wants a record count, not '{value}'", false);
                    }

                    to = n;
                    break;
                case "--rows":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rows))
                    {
                        return (null, $"--rows wants a whole number, not '{value}'", false);
                    }

                    break;
                default:
                    if (!ReplayConfigLoader.Replaceable.Contains(field))
                    {
                        return (null, $"unknown option '{name}'", false);
                    }

                    replaced[field] = value;
                    break;
            }
        }

        var request = new ReplayDiffRequest { Journal = journal, ConfigA = configA, ConfigB = configB, ReplacedFiles = replaced, Strategies = strategies, ToSequence = to };
        return (new ReplayDiffArguments(request, json, rows), null, false);
    }
}
