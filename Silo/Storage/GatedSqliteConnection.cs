using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>A connection to the standalone file whose commands take their turn at the <see cref="SqliteWriteGate"/>
/// before an autocommit write (see <see cref="GatedSqliteCommand"/>). Still a <see cref="SqliteConnection"/>, as the
/// Orleans ADO.NET providers require of the data source they are handed.
/// <para>Connections of this process open and close one at a time. Microsoft.Data.Sqlite's pool (10.0.x) can lend one
/// native connection to two owners at once (dotnet/efcore#39008): an open that finds no idle connection looks for
/// leaked ones (active, with no owner), and a connection being handed out or given back looks like that for a moment.
/// Seen here while creating schedules under load: a grain-state read whose fresh connection was already inside
/// another owner's transaction ("Safety level may not be changed inside a transaction"), and a create's
/// <c>BEGIN IMMEDIATE</c> failing beside it; two owners of one connection can also commit or roll back each other's
/// writes. An open or close of a pooled connection takes microseconds; a new one, under a millisecond.</para></summary>
internal sealed class GatedSqliteConnection(string connectionString, SqliteWriteGate gate) : SqliteConnection(connectionString)
{
    private static readonly Lock PoolTurns = new();

    public override SqliteCommand CreateCommand() => new GatedSqliteCommand(gate)
    {
        Connection = this,
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    /// <summary>Also what <see cref="System.Data.Common.DbConnection.OpenAsync(CancellationToken)"/> runs.</summary>
    public override void Open()
    {
        lock (PoolTurns)
        {
            base.Open();
        }
    }

    /// <summary>Also what disposing runs.</summary>
    public override void Close()
    {
        lock (PoolTurns)
        {
            base.Close();
        }
    }
}
