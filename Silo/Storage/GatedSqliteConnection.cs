using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>A connection to the standalone file whose commands take their turn at the <see cref="SqliteWriteGate"/>
/// before an autocommit write (see <see cref="GatedSqliteCommand"/>). Still a <see cref="SqliteConnection"/>, as the
/// Orleans ADO.NET providers require of the data source they are handed.</summary>
internal sealed class GatedSqliteConnection(string connectionString, SqliteWriteGate gate) : SqliteConnection(connectionString)
{
    public override SqliteCommand CreateCommand() => new GatedSqliteCommand(gate)
    {
        Connection = this,
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };
}
