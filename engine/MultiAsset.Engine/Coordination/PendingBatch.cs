using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The changes of the current batch, one entry per (strategy, instrument), plus those held over from earlier batches
/// (always at the front, in their original order, so the entry index is the arrival order). The array grows by
/// doubling when a batch needs more (warm-up; it never shrinks), up to <see cref="HardLimit"/>.
/// </summary>
internal sealed class PendingBatch
{
    /// <summary>Most entries ever: the flush packs the index into 23 bits of its sort key.</summary>
    public const int HardLimit = 1 << 23;

    private PendingDelta[] entries;

    public PendingBatch(int initialCapacity) => entries = new PendingDelta[Math.Clamp(initialCapacity, 16, HardLimit)];

    public int Count { get; private set; }

    public int Capacity => entries.Length;

    public bool IsFull => Count == HardLimit;

    public Span<PendingDelta> Entries => entries.AsSpan(0, Count);

    public ref PendingDelta this[int index] => ref entries[index];

    /// <summary>
    /// The entry of <paramref name="book"/> for <paramref name="instrument"/>, created (zero change) if it has none. An
    /// existing entry is revived: a new intent replaces a held one, so its hold count starts again.
    /// </summary>
    /// <param name="book">The strategy.</param>
    /// <param name="instrument">The instrument.</param>
    /// <param name="grew">Set when a new entry was needed and the buffer had to grow (counted by the caller). The
    /// caller keeps <see cref="Count"/> below <see cref="HardLimit"/>.</param>
    public ref PendingDelta Upsert(StrategyBook book, int instrument, out bool grew)
    {
        grew = false;
        var slot = book.PendingSlot[instrument];
        if (slot != 0)
        {
            ref var existing = ref entries[slot - 1];
            existing.State = PendingState.Live;
            existing.Attempts = 0;
            existing.Clipped = false;
            return ref existing;
        }

        if (Count == entries.Length)
        {
            Array.Resize(ref entries, Math.Min(entries.Length * 2, HardLimit));
            grew = true;
        }

        var index = Count++;
        book.PendingSlot[instrument] = index + 1;
        book.MarkTouched(instrument);
        ref var entry = ref entries[index];
        entry = default;
        entry.Strategy = book.Id.Value;
        entry.Account = book.Account.Value;
        entry.Instrument = instrument;
        return ref entry;
    }

    /// <summary>
    /// After a flush of the accounts in <paramref name="flushed"/>: keeps the held entries (front, same order, one more
    /// attempt) and the untouched entries of accounts not flushed, and forgets the rest.
    /// </summary>
    public void Compact(StrategyTable strategies, bool[] flushed)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            ref var entry = ref entries[i];
            var book = strategies[entry.Strategy]!;
            if (!flushed[entry.Account])
            {
                entries[kept] = entry;
                book.PendingSlot[entry.Instrument] = kept + 1;
                kept++;
            }
            else if (entry.State == PendingState.Deferred)
            {
                entry.State = PendingState.Live;
                entry.Attempts++;
                entries[kept] = entry;
                book.PendingSlot[entry.Instrument] = kept + 1;
                kept++;
            }
            else
            {
                book.PendingSlot[entry.Instrument] = 0;
            }
        }

        Count = kept;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Count);
        for (var i = 0; i < Count; i++)
        {
            ref readonly var e = ref entries[i];
            digest.Add(e.Strategy).Add(e.Account).Add(e.Instrument).Add(e.Delta).Add(e.Price).Add(e.Timestamp).Add(e.SourceSequence)
                .Add((int)e.Reason).Add((int)e.Urgency).Add((int)e.State).Add(e.Attempts).Add(e.Clipped).Add((int)e.ClipReason);
        }
    }
}
