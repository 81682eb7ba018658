using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Journal;

/// <summary>
/// The POSIX calls .NET does not expose: fdatasync of a segment (FileStream.Flush(true) is a full fsync), fsync of a
/// directory (so a created or renamed segment's name survives a power loss) and a lower scheduling priority for the
/// background thread. Linux only; elsewhere callers fall back to the managed equivalents or do without.
/// </summary>
internal static partial class JournalNative
{
    private const int OReadOnly = 0;
    private const int ODirectory = 0x10000; // Linux O_DIRECTORY (x64 and arm64)

    public static bool IsSupported => OperatingSystem.IsLinux();

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

    /// <summary>
    /// Waits until the file's written data (and the metadata needed to read it back) is on storage: fdatasync on
    /// Linux, a full flush elsewhere.
    /// </summary>
    /// <exception cref="IOException">The kernel reported a write error.</exception>
    public static void SyncData(FileStream file)
    {
        if (!IsSupported)
        {
            file.Flush(flushToDisk: true);
            return;
        }

        bool added = false;
        var handle = file.SafeFileHandle;
        try
        {
            handle.DangerousAddRef(ref added);
            if (fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                throw new IOException($"fdatasync of {file.Name} failed with errno {error}.");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Lowers the calling thread's scheduling priority (Linux: the nice value and policy are per thread): idle
    /// (SCHED_IDLE, runs only on a core nothing else wants) or low (nice 19). Best effort: false when refused.
    /// </summary>
    public static bool LowerCurrentThreadPriority(JournalBackgroundPriority priority)
    {
        if (!IsSupported || priority == JournalBackgroundPriority.Normal)
        {
            return false;
        }

        if (priority == JournalBackgroundPriority.Idle)
        {
            long param = 0; // struct sched_param { int sched_priority; } = 0
            unsafe
            {
                if (sched_setscheduler(0, SchedIdle, &param) == 0)
                {
                    return true;
                }
            }
        }

        return setpriority(PrioProcess, 0, 19) == 0;
    }

    /// <summary>The calling thread's kernel id (Linux gettid; 0 elsewhere).</summary>
    public static int CurrentThreadId() => IsSupported ? gettid() : 0;

    private const int SchedIdle = 5;
    private const int PrioProcess = 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fdatasync(int fd);

    [LibraryImport("libc")]
    private static partial int gettid();

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int sched_setscheduler(int pid, int policy, long* param);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int prio);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
