using System.IO.Hashing;
using System.Runtime.InteropServices;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Writes and verifies event cache files (<see cref="EventCacheHeader"/>): the header, then the events as raw 64-byte
/// <see cref="InputEvent"/> records, so that <see cref="CacheEventSource"/> reads them back with no parsing at all.
/// </summary>
public static class EventCacheWriter
{
    /// <summary>
    /// Writes <paramref name="events"/> (sorted by timestamp) to <paramref name="path"/> through a temporary file and a
    /// rename, so a reader never sees half a cache. The verdict byte of each record is written as zero.
    /// </summary>
    /// <param name="path">The cache file.</param>
    /// <param name="events">The events, in replay order (timestamps never decrease).</param>
    /// <param name="symbols">Symbol of each instrument id the events use (the catalogue at import time).</param>
    /// <param name="specHash">SHA-256 of the import spec (32 bytes), or null for zeros.</param>
    /// <returns>The header written.</returns>
    /// <exception cref="ArgumentException">Timestamps decrease, or an event's instrument has no symbol.</exception>
    public static EventCacheHeader Write(string path, ReadOnlySpan<InputEvent> events, IReadOnlyList<string> symbols, byte[]? specHash = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(symbols);
        if (specHash is not null && specHash.Length != 32)
        {
            throw new ArgumentException("The spec hash is a 32-byte SHA-256.", nameof(specHash));
        }

        var perInstrument = new long[symbols.Count];
        long bars = 0, quotes = 0, trades = 0;
        var hash = new XxHash64();
        var records = new InputEvent[Math.Min(events.Length, 4096)];
        for (int i = 0; i < events.Length; i++)
        {
            ref readonly var evt = ref events[i];
            if (i > 0 && evt.Timestamp < events[i - 1].Timestamp)
            {
                throw new ArgumentException($"Cache events must be sorted by timestamp (event {i} is older than event {i - 1}).", nameof(events));
            }

            if ((uint)evt.Instrument.Value >= (uint)symbols.Count)
            {
                throw new ArgumentException($"Event {i} refers to instrument {evt.Instrument.Value}, which has no symbol.", nameof(events));
            }

            perInstrument[evt.Instrument.Value]++;
            bars += evt.Kind == InputEventKind.Bar ? 1 : 0;
            quotes += evt.Kind == InputEventKind.Quote ? 1 : 0;
            trades += evt.Kind == InputEventKind.Trade ? 1 : 0;
        }

        var header = new EventCacheHeader
        {
            RecordSize = InputEvent.TotalSize,
            RecordCount = events.Length,
            FirstTimestamp = events.IsEmpty ? 0 : events[0].Timestamp,
            LastTimestamp = events.IsEmpty ? 0 : events[^1].Timestamp,
            SpecHash = specHash ?? new byte[32],
            Bars = bars,
            Quotes = quotes,
            Trades = trades,
            Instruments = [.. Enumerable.Range(0, symbols.Count).Where(i => perInstrument[i] > 0).Select(i => new EventCacheInstrument(i, symbols[i], perInstrument[i]))],
        };

        // Hash first (the header carries it), then write header and records in one pass over the events.
        for (int offset = 0; offset < events.Length; offset += records.Length)
        {
            hash.Append(MemoryMarshal.AsBytes(Normalise(events, offset, records)));
        }

        header = header with { RecordsHash = hash.GetCurrentHashAsUInt64() };
        var headerBytes = header.ToBytes();
        header = header with { HeaderSize = headerBytes.Length };
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(headerBytes);
            for (int offset = 0; offset < events.Length; offset += records.Length)
            {
                stream.Write(MemoryMarshal.AsBytes(Normalise(events, offset, records)));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        return header;
    }

    /// <summary>Reads every record of <paramref name="path"/> and checks it against the header's hash and counts.</summary>
    /// <returns>Null when the cache is intact, else what is wrong.</returns>
    public static string? Verify(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var header = EventCacheHeader.Read(file, path);
        var hash = new XxHash64();
        var buffer = new InputEvent[4096];
        long offset = header.HeaderSize;
        long remaining = header.RecordCount;
        long previous = long.MinValue;
        while (remaining > 0)
        {
            int count = (int)Math.Min(remaining, buffer.Length);
            var bytes = MemoryMarshal.AsBytes(buffer.AsSpan(0, count));
            RandomAccess.Read(file, bytes, offset);
            hash.Append(bytes);
            foreach (ref readonly var evt in buffer.AsSpan(0, count))
            {
                if (evt.Timestamp < previous)
                {
                    return "records are not sorted by timestamp";
                }

                previous = evt.Timestamp;
            }

            offset += bytes.Length;
            remaining -= count;
        }

        return hash.GetCurrentHashAsUInt64() == header.RecordsHash ? null : "records hash does not match the header (the file was modified or damaged)";
    }

    private static ReadOnlySpan<InputEvent> Normalise(ReadOnlySpan<InputEvent> events, int offset, InputEvent[] records)
    {
        int count = Math.Min(records.Length, events.Length - offset);
        events.Slice(offset, count).CopyTo(records);
        for (int i = 0; i < count; i++)
        {
            records[i].Verdict = MarketDataRejectReason.None;
        }

        return records.AsSpan(0, count);
    }
}
