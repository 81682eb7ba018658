using Microsoft.Extensions.Logging;
using MultiAsset.Engine.Model.Instruments;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Pipeline.Commands;
using MultiAsset.Engine.Ring;

namespace MultiAsset.Engine.Journal.Snapshots;

/// <summary>
/// What the engine's snapshots leave out: the objects a freshly built engine gets from its configuration and wiring
/// (rings, the instrument catalog, the command reply hub, clocks, loggers, the audit trail's sink) rather than from its input. A restored
/// engine keeps its own; everything else reachable from a stage is state and is written.
/// </summary>
public static class EngineSnapshotPolicy
{
    /// <summary>The policy for the engine's business stages.</summary>
    public static StateGraphPolicy Instance { get; } = new(
        [
            typeof(ValueRingBuffer<>),
            typeof(Sequencer),
            typeof(Sequence),
            typeof(CommandReplyHub),
            typeof(InstrumentCatalog),
            typeof(IClock),
            typeof(ILogger),
            typeof(ILoggerFactory),
            typeof(TimeZoneInfo),
            typeof(Audit.IOrderAuditSink),
        ],
        [typeof(Random)]);
}
