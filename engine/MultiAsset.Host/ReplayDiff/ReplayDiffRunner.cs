using MultiAsset.Engine.Journal;
using MultiAsset.Engine.Model.Events;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Routing.Orders;

namespace MultiAsset.Host.ReplayDiff;

/// <summary>
/// Replays one input journal twice, in lockstep on one thread — side A with the configuration it was recorded with, side
/// B with a changed one — from its first record (both sides start from the same empty state, never from a snapshot,
/// so they are comparable), and reports the first divergence and every differing order and fill.
/// </summary>
/// <remarks>
/// <para><b>Venue reports.</b> The chained engine journals no venue report: its simulated venues run inside the chain
/// and regenerate acks and fills from the orders, deterministically, on replay. So each side's fills come from its own
/// venues and its own orders — an order only B makes is filled by B's venues; nothing of A's leaks into B. A journal
/// that does hold execution reports as input (none the engine writes today) has them replayed unchanged on both sides
/// and counted (<see cref="ReplayDiffResult.RecordedExecutionReports"/>).</para>
/// <para><b>First divergence.</b> After each journal record both sides have run it and everything it caused; the
/// orders each side created during it and the fills each booked are compared in order. The first record where they
/// differ is the first divergence; the stages' digests are taken right there on both sides, and the first stage (in
/// pipeline order) whose digest differs is named. State that differs without any output differing (a limit that only
/// changes a usage counter) shows in the final digests only.</para>
/// </remarks>
public static class ReplayDiffRunner
{
    /// <summary>Runs the diff.</summary>
    /// <exception cref="ReplayDiffInputException">The journal or a configuration is missing or invalid (one line says which).</exception>
    public static ReplayDiffResult Run(ReplayDiffRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        HostConfig configA, configB;
        ReplayStrategyOverrides strategies;
        try
        {
            configA = ReplayConfigLoader.Load(request.ConfigA, new Dictionary<string, string>());
            configB = ReplayConfigLoader.Load(request.ConfigB ?? request.ConfigA, request.ReplacedFiles);
            strategies = new ReplayStrategyOverrides(request.Strategies);
        }
        catch (ConfigurationException ex)
        {
            throw new ReplayDiffInputException($"invalid configuration: {OneLine(ex)}", ex);
        }

        var journal = request.Journal ?? configA.Journal?.Directory
            ?? throw new ReplayDiffInputException($"no journal given (--journal DIR) and {configA.Source} configures none");
        if (!Directory.Exists(journal))
        {
            throw new ReplayDiffInputException($"{journal}: journal directory not found");
        }

        var (matches, snapshot) = ReplayRecordingCheck.Check(journal, configA);
        var replacedB = request.ReplacedFiles.Select(p => $"{p.Key}={p.Value}").Concat(request.Strategies.Select(s => $"strategy={s}")).ToList();
        try
        {
            using var a = new ReplaySide(configA, []);
            using var b = new ReplaySide(configB, replacedB);
            var (records, executions, divergence) = Lockstep(journal, request.ToSequence, a, b, strategies);
            if (strategies.Unused.ToList() is { Count: > 0 } unused)
            {
                throw new ReplayDiffInputException($"--strategy: no strategy in the journal has the id (or name) of {string.Join(", ", unused)}");
            }

            a.Recorder.Finish();
            b.Recorder.Finish();
            var digestsA = a.Digests();
            var digestsB = b.Digests();
            return new ReplayDiffResult
            {
                Journal = journal,
                Records = records,
                RecordedExecutionReports = executions,
                ConfigAMatchesRecording = matches,
                RecordingSnapshot = snapshot,
                A = Summary(a, digestsA),
                B = Summary(b, digestsB),
                FirstDivergence = divergence,
                StagesDifferingAtEnd = [.. digestsA.Keys.Where(k => digestsA[k] != digestsB.GetValueOrDefault(k))],
                Orders = ReplayComparer.Orders(a.Recorder.Orders, b.Recorder.Orders),
                Fills = ReplayComparer.Fills(a.Recorder.Fills, b.Recorder.Fills),
            };
        }
        catch (ConfigurationException ex)
        {
            throw new ReplayDiffInputException($"invalid configuration: {OneLine(ex)}", ex);
        }
        catch (JournalException ex)
        {
            throw new ReplayDiffInputException($"journal: {FirstLine(ex.Message)}", ex);
        }
    }

    private static (long Records, long Executions, ReplayDivergence? First) Lockstep(string journal, long? to, ReplaySide a, ReplaySide b, ReplayStrategyOverrides strategies)
    {
        using var reader = JournalReader.Open(journal);
        if (reader.Segments.Count == 0)
        {
            throw new ReplayDiffInputException($"{journal}: not a journal (it holds no journal segment)");
        }

        if (reader.NextSequence > 0)
        {
            throw new ReplayDiffInputException($"{journal}: the journal starts at record {reader.NextSequence} (the records before were pruned); a replay diff needs it from record 0");
        }

        long records = 0, executions = 0;
        ReplayDivergence? first = null;
        var command = new List<InputEvent>();
        while ((to is null || records < to) && reader.TryRead(out var record))
        {
            if (record.Type != JournalRecordType.InputEvent || record.Payload.Length != InputEvent.TotalSize)
            {
                throw new JournalCorruptException($"{journal}: journal record {record.Sequence} is not an input event");
            }

            var sequence = record.Sequence;
            var evt = record.ReadInputEvent();
            records++;
            executions += evt.IsExecution ? 1 : 0;
            if (!strategies.IsEmpty && evt.Kind == InputEventKind.Command && evt.Command.Kind == CommandKind.CreateStrategy)
            {
                // The whole command at once (its chunks follow it: claimed together when it was published), so side B can
                // replay another document in its place.
                command.Clear();
                command.Add(evt);
                for (var i = 0; i < CommandData.ChunkCount(evt.Command.BodyLength) && reader.TryRead(out var chunk); i++)
                {
                    command.Add(chunk.ReadInputEvent());
                    records++;
                }

                foreach (var e in command)
                {
                    a.Run(e, sequence);
                }

                foreach (var e in strategies.Rewrite(command))
                {
                    b.Run(e, sequence);
                }
            }
            else
            {
                a.Run(evt, sequence);
                b.Run(evt, sequence);
            }

            first ??= Compare(sequence, a, b);
        }

        return (records, executions, first);
    }

    /// <summary>What the two sides produced during the last record; null when the same.</summary>
    private static ReplayDivergence? Compare(long sequence, ReplaySide a, ReplaySide b)
    {
        var ra = a.Recorder;
        var rb = b.Recorder;
        var ordersA = ra.Orders.Count - ra.EventOrdersFrom;
        var ordersB = rb.Orders.Count - rb.EventOrdersFrom;
        for (var i = 0; i < Math.Max(ordersA, ordersB); i++)
        {
            var oa = i < ordersA ? ra.Orders[ra.EventOrdersFrom + i] : null;
            var ob = i < ordersB ? rb.Orders[rb.EventOrdersFrom + i] : null;
            var da = oa is null ? null : ReplayComparer.Describe(oa);
            var db = ob is null ? null : ReplayComparer.Describe(ob);
            if (da != db)
            {
                var what = oa is not null && ob is not null && oa.Key == ob.Key && oa.Created.RiskVerdict != ob.Created.RiskVerdict ? "verdict" : "order";
                return Divergence(sequence, what, (oa ?? ob)!.Key.ToString(), da, db, a, b);
            }
        }

        var fillsA = ra.Fills.Count - ra.EventFillsFrom;
        var fillsB = rb.Fills.Count - rb.EventFillsFrom;
        for (var i = 0; i < Math.Max(fillsA, fillsB); i++)
        {
            var fa = i < fillsA ? ra.Fills[ra.EventFillsFrom + i] : null;
            var fb = i < fillsB ? rb.Fills[rb.EventFillsFrom + i] : null;
            var da = fa is null ? null : ReplayComparer.Describe(fa);
            var db = fb is null ? null : ReplayComparer.Describe(fb);
            if (da != db)
            {
                return Divergence(sequence, "fill", (fa ?? fb)!.Key.ToString(), da, db, a, b);
            }
        }

        return null;
    }

    private static ReplayDivergence Divergence(long sequence, string what, string key, string? da, string? db, ReplaySide a, ReplaySide b)
    {
        var digestsA = a.Digests();
        var digestsB = b.Digests();
        List<string> stages = [.. digestsA.Keys.Where(k => digestsA[k] != digestsB.GetValueOrDefault(k))];
        return new ReplayDivergence(sequence, OrderReadModel.Time(a.Recorder.LastEventTime), what, key, da, db, stages.FirstOrDefault(), stages, digestsA, digestsB);
    }

    private static ReplaySideSummary Summary(ReplaySide side, IReadOnlyDictionary<string, string> digests)
        => new(side.Config, side.Replaced, side.Recorder.Orders.Count, side.Recorder.Orders.Count(o => o.Created.Status == "refused"), side.Recorder.Fills.Count, digests, side.StageExceptions);

    /// <summary>A configuration's first error on one line, with how many more there are.</summary>
    private static string OneLine(ConfigurationException ex)
        => ex.Errors.Count switch
        {
            0 => FirstLine(ex.Message),
            1 => FirstLine(ex.Errors[0]),
            var n => $"{FirstLine(ex.Errors[0])} (and {n - 1} more)",
        };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}

/// <summary>The journal or a configuration given to a replay diff is missing or invalid (exit code 2; the message is one line).</summary>
public sealed class ReplayDiffInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayDiffInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ReplayDiffInputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ReplayDiffInputException()
    {
    }
}
