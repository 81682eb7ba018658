using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Host;

/// <summary>Command-line options of the host: <c>[--config FILE] [--duration 10s] [--recover-only] [--digest-at N]</c>.</summary>
/// <param name="ConfigPath">The engine configuration file, or null for <c>config/engine.json</c> / the embedded defaults.</param>
/// <param name="Duration">Stop by itself after this long; null runs until Ctrl-C or SIGTERM.</param>
/// <param name="RecoverOnly">Replay the journal, print the recovered state's digests, and stop without starting feeds.</param>
/// <param name="DigestAt">Print every stage's digest right after this input sequence is processed, then stop.</param>
/// <param name="Until">Stop the synthetic feeds at this point of simulated time (then the host stops when the engine has drained).</param>
public sealed record HostRunOptions(string? ConfigPath, TimeSpan? Duration, bool RecoverOnly = false, long? DigestAt = null, SimulatedEnd? Until = null)
{
    /// <summary>Usage text.</summary>
    public const string Usage = "usage: MultiAsset.Host [--config FILE] [--duration DURATION] [--until SIMULATED-TIME] [--recover-only] [--digest-at SEQUENCE]   (DURATION: 500ms, 10s, 5m, 1h; a plain number is seconds; SIMULATED-TIME: an instant such as 2026-03-03T14:30:00Z, or +DURATION after the feed's configured start, e.g. +1d)";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message on bad input.</summary>
    public static HostRunOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? config = null;
        TimeSpan? duration = null;
        var recoverOnly = false;
        long? digestAt = null;
        SimulatedEnd? until = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--config":
                    config = Value(args, ref i);
                    break;
                case "--duration":
                    duration = ParseDuration(Value(args, ref i));
                    break;
                case "--until":
                    until = SimulatedEnd.Parse(Value(args, ref i));
                    break;
                case "--recover-only":
                    recoverOnly = true;
                    break;
                case "--digest-at":
                    var text = Value(args, ref i);
                    digestAt = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence)
                        ? sequence
                        : throw new ArgumentException($"invalid sequence '{text}' for --digest-at (expected a whole number ≥ 0)");
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return new HostRunOptions(config, duration, recoverOnly, digestAt, until);
    }

    /// <summary>Parses <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c> or a plain number of seconds.</summary>
    public static TimeSpan ParseDuration(string text)
        => DurationText.TryParse(text, out var duration)
            ? duration
            : throw new ArgumentException($"invalid duration '{text}' ({DurationText.Expected})");

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        return args[++i];
    }
}
