using System.Runtime.InteropServices;

namespace MultiAsset.Engine.Ring;

/// <summary>
/// A sleep shorter than the millisecond <see cref="Thread.Sleep(int)"/> offers: POSIX <c>nanosleep</c>. Asked for
/// 1 µs, Linux sleeps for its timer slack (≈ 50 µs by default) — what the JVM's <c>LockSupport.parkNanos(1)</c>,
/// which LMAX's producers use on a full ring, comes to. Elsewhere it falls back to <see cref="Thread.Yield"/>.
/// </summary>
internal static partial class RingNative
{
    private static readonly bool Supported = OperatingSystem.IsLinux();

    /// <summary>Gives the core away for a few tens of microseconds (Linux), or yields it (elsewhere).</summary>
    public static void ShortSleep()
    {
        if (Supported)
        {
            var request = new TimeSpec { Seconds = 0, Nanoseconds = 1000 };
            _ = nanosleep(ref request, IntPtr.Zero);
        }
        else
        {
            Thread.Yield();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial int nanosleep(ref TimeSpec request, IntPtr remaining);
}
