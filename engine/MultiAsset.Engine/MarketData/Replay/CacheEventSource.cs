using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Events;

namespace MultiAsset.Engine.MarketData.Replay;

/// <summary>
/// Replays an event cache (<see cref="EventCacheHeader"/>, written by <c>maectl data import</c>): the records are raw
/// 64-byte <see cref="InputEvent"/>s, read in blocks straight into an event array, so a row costs one copy and no
/// parsing.
/// </summary>
/// <remarks>
/// The cache names the symbol of every instrument id it uses; they are mapped onto the resolver's ids
/// when the source opens (identity when the catalogue is the one the cache was imported with). A symbol the resolver
/// does not know makes its records rejected events (<see cref="MarketDataRejectReason.UnknownInstrument"/>), counted
/// like any other source's.
/// </remarks>
public sealed class CacheEventSource : IEventSource
{
    /// <summary>Records read per block (256 KiB).</summary>
    public const int BlockRecords = 4096;

    private readonly SafeFileHandle file;
    private readonly InputEvent[] block = new InputEvent[BlockRecords];
    private readonly int[] idMap;
    private readonly bool identity;
    private readonly ushort source;
    private readonly EventSourceStats stats = new();
    private long fileOffset;
    private long remaining;
    private int position;
    private int count;
    private bool disposed;

    private CacheEventSource(string path, SafeFileHandle file, EventCacheHeader header, ISymbolResolver resolver, ushort source)
    {
        Path = path;
        Header = header;
        this.file = file;
        this.source = source;
        fileOffset = header.HeaderSize;
        remaining = header.RecordCount;
        int maxId = header.Instruments.Count == 0 ? 0 : header.Instruments.Max(i => i.Id) + 1;
        idMap = new int[maxId];
        Array.Fill(idMap, -1);
        identity = true;
        foreach (var instrument in header.Instruments)
        {
            int mapped = resolver.TryResolve(instrument.Symbol, out var id) ? id.Value : -1;
            idMap[instrument.Id] = mapped;
            identity &= mapped == instrument.Id;
        }
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>The cache's header.</summary>
    public EventCacheHeader Header { get; }

    /// <inheritdoc />
    public EventSourceStats Stats => stats;

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="ReplayFormatException">Not a cache file of this version, or truncated.</exception>
    public static CacheEventSource Open(string path, ISymbolResolver resolver, ushort source = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(resolver);
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        try
        {
            return new CacheEventSource(path, file, EventCacheHeader.Read(file, path), resolver, source);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public bool TryRead(ref InputEvent evt)
    {
        if (position == count && !Refill())
        {
            return false;
        }

        evt = block[position++];
        evt.Source = source;
        stats.CountRow();
        if (!identity)
        {
            Remap(ref evt);
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            file.Dispose();
        }
    }

    private void Remap(ref InputEvent evt)
    {
        int id = evt.Instrument.Value;
        int mapped = (uint)id < (uint)idMap.Length ? idMap[id] : -1;
        if (mapped >= 0)
        {
            evt.Instrument = new InstrumentId(mapped);
            return;
        }

        var kind = evt.Kind;
        long timestamp = evt.Timestamp;
        evt = default;
        evt.Kind = kind;
        evt.Timestamp = timestamp;
        evt.Source = source;
        evt.Instrument = InstrumentId.None;
        evt.Reject = MarketDataRejectReason.UnknownInstrument;
        stats.CountReject(MarketDataRejectReason.UnknownInstrument);
    }

    private bool Refill()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (remaining == 0)
        {
            return false;
        }

        int records = (int)Math.Min(remaining, block.Length);
        var bytes = MemoryMarshal.AsBytes(block.AsSpan(0, records));
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(file, bytes[read..], fileOffset + read);
            if (n == 0)
            {
                throw new ReplayFormatException(Path, "event cache ends before its last record (truncated while being read)");
            }

            read += n;
        }

        fileOffset += bytes.Length;
        remaining -= records;
        position = 0;
        count = records;
        return true;
    }
}
