using System.CommandLine;
using System.Diagnostics;

namespace MultiAsset.Cli.Replay;

/// <summary>
/// <c>maectl replay diff ...</c>: replays a journal with its recorded and a changed configuration and reports where they
/// part (docs/replay-diff.md). The replay runs the host's engine (<c>EngineRuntime</c>, its configuration loader and the
/// backtest's fill recorder live in MultiAsset.Host), and maectl depends on the engine library only — so this runs the
/// host's <c>replay-diff</c> verb as a child process on the same machine (files only, no network, no running host
/// needed), passing the arguments, output and exit code through: 0 identical, 1 different, 2 bad input.
/// </summary>
internal static class ReplayCommands
{
    /// <summary>Environment variable naming the host's MultiAsset.Host.dll when it is not where maectl looks.</summary>
    public const string HostVariable = "MAE_HOST_DLL";

    private static readonly string[] JsonFlag = ["--json"];

    private const string Description = """
        Replay a journal twice from its first record — A with its recorded configuration, B with a changed one — and
        report the first divergence and every differing order and fill (docs/replay-diff.md). Offline: files only.
          --journal DIR        the journal (default: A's configured journal)
          --config A.json      A's engine.json (default: the host's)      --config-b B.json  B's (default: A's)
          --risk F | --venues F | --coordination F | --accounts F | --universes F   B reads F instead of that file
          --strategy F         B creates strategy document F instead of the recorded one with its id (repeatable)
          --to N               only records 0..N-1      --json   JSON instead of tables      --rows N   rows per table
        Exit code: 0 identical, 1 different, 2 bad input.
        """;

    public static Command Create(Control.ControlOptions options, TextWriter output, TextWriter error)
    {
        var replay = new Command("replay", "Replay a journal offline");
        var diff = new Command("diff", Description)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        // maectl's own --json (a recursive option) takes the flag before it reaches the unmatched tokens: hand it on.
        diff.SetAction((parse, cancellation) => RunAsync([.. parse.UnmatchedTokens, .. parse.GetValue(options.Json) ? JsonFlag : []], output, error, cancellation));
        replay.Subcommands.Add(diff);
        return replay;
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (FindHost() is not { } host)
        {
            await error.WriteLineAsync($"maectl: replay diff runs the host's engine, and MultiAsset.Host.dll was not found (build it with ./run.sh, or set {HostVariable})").ConfigureAwait(false);
            return MaectlApp.UsageError;
        }

        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add("replay-diff");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(new WriterStream(output), cancellation);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(new WriterStream(error), cancellation);
        await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        await Task.WhenAll(copyOut, copyErr).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>
    /// <see cref="HostVariable"/>; else MultiAsset.Host.dll beside maectl; else the host's build output next to maectl's
    /// in the repository (engine/MultiAsset.Cli/bin/C/net10.0 → engine/MultiAsset.Host/bin/C/net10.0).
    /// </summary>
    private static string? FindHost()
    {
        if (Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        var here = AppContext.BaseDirectory;
        var beside = Path.Combine(here, "MultiAsset.Host.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(here, "MultiAsset.Host.runtimeconfig.json")))
        {
            return beside;
        }

        var framework = new DirectoryInfo(here.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent;
        var engine = configuration?.Parent?.Parent?.Parent;
        if (engine is null || configuration is null)
        {
            return null;
        }

        var built = Path.Combine(engine.FullName, "MultiAsset.Host", "bin", configuration.Name, framework.Name, "MultiAsset.Host.dll");
        return File.Exists(built) ? built : null;
    }

    /// <summary>The dotnet executable: the one running maectl when it is dotnet, else the SDK's, else from PATH.</summary>
    private static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdk ? sdk : "dotnet";
    }

    /// <summary>Bytes written to a stream go to a TextWriter (the child's output to maectl's writers, which tests read).</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[decoder.GetCharCount(buffer, offset, count)];
            decoder.GetChars(buffer, offset, count, chars, 0);
            writer.Write(chars);
        }
    }
}
