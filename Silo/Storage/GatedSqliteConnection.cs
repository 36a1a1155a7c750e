using System.Data;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>A connection to the standalone file whose commands take their turn at the <see cref="SqliteWriteGate"/>
/// before an autocommit write (see <see cref="GatedSqliteCommand"/>). Still a <see cref="SqliteConnection"/>, as the
/// Orleans ADO.NET providers require of the data source they are handed.
/// <para>Connections of this process open one at a time. Microsoft.Data.Sqlite's pool (10.0.x) can lend one native
/// connection to two owners at once (dotnet/efcore#39008): an open that finds no idle connection gives back "leaked"
/// ones (active, with no owner), and a connection being handed out is marked active a moment before it is given its
/// owner, outside the pool's lock. Seen here while creating schedules under load: a grain-state read whose fresh
/// connection was already inside another owner's transaction ("Safety level may not be changed inside a
/// transaction"), and a create's <c>BEGIN IMMEDIATE</c> failing beside it; two owners of one connection can also
/// commit or roll back each other's writes. Both sides of that race are inside an open, so one lock around opening
/// closes it; an open of a pooled connection takes microseconds, a new one under a millisecond, and runs no SQL
/// that waits for the file's locks.</para>
/// <para>Closing stays outside the lock on purpose: it rolls back an unfinished transaction and finishes the
/// connection's commands, which can wait up to the busy timeout for a writer; a writer that in turn waited for the
/// lock to open its next connection stalled every open behind it (seen as 30-second grain call timeouts in scenario
/// 4). Giving a connection back takes the pool's own lock, which the race does not need.</para>
/// <para>An open first waits for a place under <paramref name="limit"/> (<see cref="SqliteOpenLimit"/>), held until the
/// connection closes; without one (a connection kept for the process's life) it does not wait.</para></summary>
internal sealed class GatedSqliteConnection(string connectionString, SqliteWriteGate gate, SqliteOpenLimit? limit) : SqliteConnection(connectionString)
{
    private static readonly Lock OpenTurns = new();

    private bool _holdsPlace;

    public override SqliteCommand CreateCommand() => new GatedSqliteCommand(gate)
    {
        Connection = this,
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    /// <summary>Waits for its place without holding a thread, then opens.</summary>
    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (State == ConnectionState.Open)
        {
            return;
        }

        if (limit is not null && !_holdsPlace)
        {
            await limit.EnterAsync(cancellationToken).ConfigureAwait(false);
            _holdsPlace = true;
        }

        Open();
    }

    public override void Open()
    {
        if (State == ConnectionState.Open)
        {
            return;
        }

        if (limit is not null && !_holdsPlace)
        {
            limit.Enter();
            _holdsPlace = true;
        }

        try
        {
            lock (OpenTurns)
            {
                base.Open();
            }
        }
        catch
        {
            GiveBackPlace();
            throw;
        }
    }

    /// <summary>Also what disposing runs.</summary>
    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            GiveBackPlace();
        }
    }

    private void GiveBackPlace()
    {
        if (_holdsPlace)
        {
            _holdsPlace = false;
            limit!.Exit();
        }
    }
}
