using System.IO.MemoryMappedFiles;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// A segment file mapped into memory once, read-only, with its base pointer acquired once (not per record): how
/// readers, recovery and the compressor see a plain segment. (The writer writes with pwrite, not through a mapping.)
/// Disposing releases the pointer, the view and the file.
/// </summary>
internal sealed unsafe class MappedSegment : IDisposable
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private bool pointerAcquired;

    private MappedSegment(string path, MemoryMappedFile map, MemoryMappedViewAccessor view, long length)
    {
        Path = path;
        this.map = map;
        this.view = view;
        Length = length;
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        pointerAcquired = true;
        Pointer = p + view.PointerOffset;
    }

    /// <summary>The file mapped.</summary>
    public string Path { get; }

    /// <summary>Bytes mapped (the file length).</summary>
    public long Length { get; }

    /// <summary>Start of the mapping; valid until <see cref="Dispose"/>.</summary>
    public byte* Pointer { get; private set; }

    /// <summary>Opens and maps an existing file read-only (sharing it with a live writer and with deletion).</summary>
    public static MappedSegment OpenRead(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        MemoryMappedFile? map = null;
        try
        {
            long length = file.Length;
            if (length == 0)
            {
                // An empty file cannot be mapped; callers treat a too-short file as truncated.
                throw new JournalCorruptException(path, 0, "the file is empty (a segment is never shorter than its header)");
            }

            map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new MappedSegment(path, map, view, length);
        }
        catch
        {
            if (map is null)
            {
                file.Dispose();
            }

            map?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (pointerAcquired)
        {
            pointerAcquired = false;
            Pointer = null;
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }

        view.Dispose();
        map.Dispose();
    }
}
