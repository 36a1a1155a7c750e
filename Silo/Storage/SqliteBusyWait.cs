using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// How a connection waits for the database's one writer lock. SQLite's stock busy handler (what
/// <c>PRAGMA busy_timeout</c> installs) sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms between tries, so a
/// write that meets another writer's sub-millisecond commit often sleeps 8-50 ms more than it had to: the tail of
/// every write here (a claim batch, a grain state, a reminder, a catalog row) behind the others. This handler
/// yields a few times, then looks again every millisecond, for as long as the busy timeout.
/// </summary>
internal static unsafe partial class SqliteBusyWait
{
    private const int YieldingTries = 4;

    private static long _calls;

    // SQLite calls the handler on the thread that met the lock, with count 0 for the first try of each wait.
    [ThreadStatic]
    private static long _waitStarted;

    /// <summary>How many times any connection found the lock taken and waited (for tests and diagnostics).</summary>
    public static long Calls => Interlocked.Read(ref _calls);

    /// <summary>Replaces the connection's busy handler (call after any <c>PRAGMA busy_timeout</c>, which replaces it
    /// back); a wait gives up after <paramref name="timeout"/> (default: <see cref="SqliteDataSource.BusyTimeoutMilliseconds"/>).</summary>
    public static void Install(SqliteConnection connection, TimeSpan? timeout = null)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var limit = timeout ?? TimeSpan.FromMilliseconds(SqliteDataSource.BusyTimeoutMilliseconds);
        var ticks = (IntPtr)(long)(limit.TotalSeconds * Stopwatch.Frequency);
        var result = SetBusyHandler(handle.DangerousGetHandle(), &OnBusy, ticks);
        if (result != 0)
        {
            throw new InvalidOperationException($"sqlite3_busy_handler failed with code {result}.");
        }
    }

    /// <summary>Returns non-zero to try again, zero to give up (the statement then fails with SQLITE_BUSY). The state is
    /// the connection's limit, in <see cref="Stopwatch"/> ticks.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr timeoutTicks, int count)
    {
        Interlocked.Increment(ref _calls);
        var now = Stopwatch.GetTimestamp();
        if (count == 0)
        {
            _waitStarted = now;
        }
        else if (now - _waitStarted > (long)timeoutTicks)
        {
            return 0;
        }

        if (count < YieldingTries)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }

        return 1;
    }

    // The native library Microsoft.Data.Sqlite itself loads (SQLitePCLRaw's bundle), which exports the C API.
    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_busy_handler")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SetBusyHandler(IntPtr database, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr state);
}
