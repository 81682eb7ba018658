using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Pipeline;

/// <summary>
/// Wires rings and stages into a pipeline: stages on one ring form a dependency graph (a stage sees a slot only after
/// the stages it runs <c>after</c> are done with it), stages publish into other rings, and the
/// <see cref="PipelineLayout"/> decides which thread runs which stages.
/// </summary>
/// <remarks>
/// <see cref="Build"/> checks the whole wiring and reports every problem at once: unknown or unassigned stages,
/// dependencies on missing stages or across rings, cycles, rings nobody consumes, and fused threads that could never
/// wake for one of their stages.
/// </remarks>
public sealed class PipelineBuilder
{
    private readonly PipelineLayout layout;
    private readonly IEventExceptionHandler exceptionHandler;
    private readonly Dictionary<string, RingRegistration> rings = new(StringComparer.Ordinal);
    private readonly List<StageRegistration> stages = [];
    private readonly string source;

    /// <summary>Creates a builder for <paramref name="layout"/>; <paramref name="source"/> names the config file in errors.</summary>
    public PipelineBuilder(PipelineLayout layout, IEventExceptionHandler? exceptionHandler = null, string source = "config/engine.json")
    {
        ArgumentNullException.ThrowIfNull(layout);
        this.layout = layout;
        this.exceptionHandler = exceptionHandler ?? new LoggingExceptionHandler();
        this.source = source;
    }

    /// <summary>
    /// Registers the ring named <paramref name="name"/> in the layout. <paramref name="fedExternally"/> says threads
    /// outside the pipeline (feeds, control plane) publish into it.
    /// </summary>
    public RingHandle<T> AddRing<T>(string name, bool fedExternally = false)
        where T : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = layout.Rings.FirstOrDefault(r => r.Name == name)
            ?? throw new ConfigurationException(
                $"{source}: pipeline.rings: no ring named '{name}' is configured (configured: {Names(layout.Rings.Select(r => r.Name))})");
        if (rings.ContainsKey(name))
        {
            throw new ArgumentException($"Ring '{name}' is already registered.", nameof(name));
        }

        Sequencer.ValidateBufferSize(options.Size);
        var handle = new RingHandle<T>(options, fedExternally);
        rings.Add(name, handle);
        return handle;
    }

    /// <summary>
    /// Adds stage <paramref name="name"/> consuming <paramref name="ring"/> with <paramref name="handler"/>; it runs
    /// after the stages in <paramref name="after"/> (same ring) and publishes into the rings in <paramref name="publishesTo"/>.
    /// </summary>
    public void AddStage<T, THandler>(
        string name,
        RingHandle<T> ring,
        THandler handler,
        IReadOnlyList<string>? after = null,
        IReadOnlyList<string>? publishesTo = null)
        where T : struct
        where THandler : IValueEventHandler<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(handler);
        if (stages.Any(s => s.Name == name))
        {
            throw new ArgumentException($"Stage '{name}' is already registered.", nameof(name));
        }

        stages.Add(new StageRegistration<T, THandler>(name, ring, handler, after ?? [], publishesTo ?? []));
    }

    /// <summary>Validates the wiring against the layout and creates the (not yet started) pipeline.</summary>
    public EnginePipeline Build()
    {
        var errors = new List<string>();
        var byName = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var threadOf = AssignThreads(byName, errors);
        CheckEdges(byName, errors);
        var order = TopologicalOrder(byName, errors);
        if (errors.Count == 0)
        {
            CheckFusedThreads(byName, threadOf, order, errors);
            CheckRingsConsumed(errors);
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return Create(order, threadOf);
    }

    private Dictionary<string, int> AssignThreads(Dictionary<string, StageRegistration> byName, List<string> errors)
    {
        var threadOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var threadNames = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < layout.Threads.Count; t++)
        {
            var thread = layout.Threads[t];
            if (!threadNames.Add(thread.Name))
            {
                errors.Add($"{source}: pipeline.threads[{t}].name: thread name '{thread.Name}' is used twice");
            }

            if (thread.Stages.Count == 0)
            {
                errors.Add($"{source}: pipeline.threads[{t}].stages: a thread must run at least one stage");
            }

            for (var s = 0; s < thread.Stages.Count; s++)
            {
                var stage = thread.Stages[s];
                var path = $"{source}: pipeline.threads[{t}].stages[{s}]";
                if (!byName.ContainsKey(stage))
                {
                    errors.Add($"{path}: unknown stage '{stage}' (known stages: {Names(stages.Select(x => x.Name))})");
                }
                else if (!threadOf.TryAdd(stage, t))
                {
                    errors.Add($"{path}: stage '{stage}' is already assigned to thread '{layout.Threads[threadOf[stage]].Name}'");
                }
            }
        }

        foreach (var stage in stages.Where(s => !threadOf.ContainsKey(s.Name)))
        {
            errors.Add($"{source}: pipeline.threads: stage '{stage.Name}' is not assigned to any thread");
        }

        return threadOf;
    }

    private void CheckEdges(Dictionary<string, StageRegistration> byName, List<string> errors)
    {
        foreach (var stage in stages)
        {
            foreach (var dependency in stage.After)
            {
                if (!byName.TryGetValue(dependency, out var upstream))
                {
                    errors.Add($"stage '{stage.Name}' runs after '{dependency}', which is not a registered stage");
                }
                else if (upstream.Ring != stage.Ring)
                {
                    errors.Add($"stage '{stage.Name}' (ring '{stage.Ring.Name}') runs after '{dependency}', which is on ring '{upstream.Ring.Name}': dependencies must be on the same ring");
                }
            }

            foreach (var target in stage.PublishesTo)
            {
                if (!rings.ContainsKey(target))
                {
                    errors.Add($"stage '{stage.Name}' publishes to ring '{target}', which is not registered");
                }
            }
        }
    }

    /// <summary>Upstream stages: those it runs after, and the publishers of its ring.</summary>
    private IEnumerable<string> Upstream(StageRegistration stage)
        => stage.After.Concat(stages.Where(p => p.PublishesTo.Contains(stage.Ring.Name)).Select(p => p.Name));

    private List<StageRegistration> TopologicalOrder(Dictionary<string, StageRegistration> byName, List<string> errors)
    {
        var inDegree = stages.ToDictionary(s => s.Name, s => Upstream(s).Count(byName.ContainsKey), StringComparer.Ordinal);
        var ready = new Queue<StageRegistration>(stages.Where(s => inDegree[s.Name] == 0));
        var order = new List<StageRegistration>(stages.Count);
        while (ready.Count > 0)
        {
            var stage = ready.Dequeue();
            order.Add(stage);
            foreach (var downstream in stages.Where(d => Upstream(d).Contains(stage.Name)))
            {
                if (--inDegree[downstream.Name] == 0)
                {
                    ready.Enqueue(downstream);
                }
            }
        }

        if (order.Count < stages.Count)
        {
            var cyclic = stages.Where(s => inDegree[s.Name] > 0).Select(s => s.Name);
            errors.Add($"the stage graph has a cycle through: {string.Join(" -> ", cyclic)}");
        }

        return order;
    }

    private void CheckFusedThreads(
        Dictionary<string, StageRegistration> byName,
        Dictionary<string, int> threadOf,
        List<StageRegistration> order,
        List<string> errors)
    {
        foreach (var group in order.GroupBy(s => threadOf[s.Name]))
        {
            var members = group.ToList();
            var thread = layout.Threads[group.Key];
            foreach (var follower in members.Skip(1))
            {
                // A follower only runs after the lead's batches, so everything it waits for must come from this thread.
                var outside = follower.After.Where(a => threadOf[a] != group.Key).ToList();
                if (follower.After.Count == 0)
                {
                    var ring = follower.Ring;
                    var publishers = stages.Where(p => p.PublishesTo.Contains(ring.Name)).ToList();
                    if (ring.FedExternally || publishers.Count == 0)
                    {
                        outside.Add($"ring '{ring.Name}' (fed from outside the pipeline)");
                    }

                    outside.AddRange(publishers.Where(p => threadOf[p.Name] != group.Key).Select(p => p.Name));
                }

                if (outside.Count > 0)
                {
                    errors.Add($"{source}: pipeline.threads[{group.Key}] ('{thread.Name}'): stage '{follower.Name}' cannot run fused behind '{members[0].Name}': it waits on {string.Join(", ", outside)} from outside this thread, which would never wake it; give it a thread of its own or move those stages here");
                }
            }
        }
    }

    private void CheckRingsConsumed(List<string> errors)
    {
        foreach (var ring in rings.Values.Where(r => stages.All(s => s.Ring != r)))
        {
            errors.Add($"ring '{ring.Name}' has no consuming stage: producers would overwrite it unread");
        }
    }

    private EnginePipeline Create(List<StageRegistration> order, Dictionary<string, int> threadOf)
    {
        var processors = new Dictionary<string, IEventProcessor>(StringComparer.Ordinal);
        var waitStrategies = layout.Threads.Select(t => WaitStrategies.Create(t.WaitStrategy)).ToArray();
        foreach (var stage in order)
        {
            var thread = threadOf[stage.Name];
            var dependencies = stage.After.Select(a => processors[a].Sequence).ToArray();
            var maxBatch = FusedBatchLimit(stage, thread, threadOf);
            processors[stage.Name] = stage.CreateProcessor(waitStrategies[thread], dependencies, maxBatch, exceptionHandler);
        }

        // Producers gate on the stages at the ends of each ring's graph: nobody downstream on that ring waits for them.
        foreach (var ring in rings.Values)
        {
            var onRing = stages.Where(s => s.Ring == ring).ToList();
            var ends = onRing.Where(s => !onRing.Any(o => o.After.Contains(s.Name))).Select(s => processors[s.Name].Sequence);
            ring.Sequencer.AddGatingSequences(ends.ToArray());
        }

        var threads = order
            .GroupBy(s => threadOf[s.Name])
            .OrderBy(g => g.Key)
            .Select(g => new StageThread(layout.Threads[g.Key], g.Select(s => processors[s.Name]).ToArray(), exceptionHandler))
            .ToList();
        return new EnginePipeline(threads, rings.Values.ToList(), layout.DrainTimeout, exceptionHandler);
    }

    /// <summary>
    /// A stage that publishes into a ring consumed later on its own thread must not produce more per batch than that
    /// ring holds, or it would wait forever for a consumer that can only run after it returns. Capping its batch at
    /// the ring size makes that impossible for stages emitting at most one event per input (document more in the stage).
    /// </summary>
    private int FusedBatchLimit(StageRegistration stage, int thread, Dictionary<string, int> threadOf)
    {
        var limit = layout.Threads[thread].MaxBatchSize;
        foreach (var target in stage.PublishesTo)
        {
            if (stages.Any(s => s.Ring.Name == target && threadOf[s.Name] == thread))
            {
                limit = Math.Min(limit, rings[target].Options.Size);
            }
        }

        return limit;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
