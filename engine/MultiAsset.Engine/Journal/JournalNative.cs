using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The two POSIX calls .NET does not expose: msync of a sub-range of a mapping (MemoryMappedViewAccessor.Flush syncs
/// the whole view) and fsync of a directory (so a created or renamed segment's name survives a power loss).
/// Linux only; elsewhere callers fall back to the managed equivalents.
/// </summary>
internal static partial class JournalNative
{
    private const int MsSync = 4; // Linux MS_SYNC
    private const int OReadOnly = 0;
    private const int ODirectory = 0x10000; // Linux O_DIRECTORY (x64 and arm64)

    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>msync(MS_SYNC) of [address, address + length); address must be page-aligned. Returns errno or 0.</summary>
    public static unsafe int SyncRange(byte* address, long length)
        => msync((nint)address, (nuint)length, MsSync) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>fsync of a directory; best effort (returns false when the platform or the file system refuses).</summary>
    public static bool SyncDirectory(string directory)
    {
        if (!IsSupported)
        {
            return false;
        }

        int fd = open(directory, OReadOnly | ODirectory);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return fsync(fd) == 0;
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int msync(nint address, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
