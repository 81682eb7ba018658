using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Journal;

/// <summary>What <see cref="JournalExporter"/> writes and which records it keeps. Every filter is optional; all given ones must match.</summary>
public sealed class JournalExportOptions
{
    /// <summary>Output format.</summary>
    public JournalExportFormat Format { get; init; } = JournalExportFormat.JsonLines;

    /// <summary>Record types to keep (null: all).</summary>
    public IReadOnlyCollection<JournalRecordType>? Types { get; init; }

    /// <summary>Instrument symbols to keep (null: all). Needs <see cref="Catalog"/>; records without an instrument are dropped when set.</summary>
    public IReadOnlyCollection<string>? Instruments { get; init; }

    /// <summary>First sequence to keep (inclusive).</summary>
    public long? FromSequence { get; init; }

    /// <summary>Last sequence to keep (inclusive).</summary>
    public long? ToSequence { get; init; }

    /// <summary>Earliest record timestamp to keep, ns since the Unix epoch (inclusive).</summary>
    public long? FromTime { get; init; }

    /// <summary>Latest record timestamp to keep, ns since the Unix epoch (exclusive).</summary>
    public long? ToTime { get; init; }

    /// <summary>The instrument catalogue, to print symbols and resolve <see cref="Instruments"/> (ids are printed without it).</summary>
    public InstrumentCatalog? Catalog { get; init; }

    /// <summary>
    /// An extra filter applied last. This is the seam for the account filter: once records carry accounts, the CLI's
    /// <c>--account</c> becomes a predicate here (or a field beside <see cref="Instruments"/>).
    /// </summary>
    public JournalRecordPredicate? Where { get; init; }
}
