using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// One SQL statement prepared on an open SQLite connection and bound straight through SQLite's own calls, for writes
/// that run row after row (the run writer's claims and updates, the flushes of next-fire values and metrics). Through
/// <see cref="SqliteCommand"/> every execution makes a binder object per parameter, a data reader and its statement
/// enumerator, boxes every number and encodes every text to a fresh byte array; here an execution allocates nothing.
/// Runs inside whatever transaction the connection has open, as any command on it would.
/// </summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private const int Done = 101; // SQLITE_DONE

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    /// <param name="connection">An open connection; the statement is disposed before it closes.</param>
    /// <param name="sql">One statement, its parameters named <c>@name</c>.</param>
    public SqlitePreparedStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }

        _statement = statement!;
    }

    public SqliteConnection Connection => _connection;

    /// <summary>The parameter's position, or 0 when the statement does not name it (binding 0 does nothing).</summary>
    public int Parameter(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    public void Text(int index, string? value)
    {
        if (index > 0)
        {
            Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));
        }
    }

    /// <summary>Binds text already encoded as UTF-8 (SQLite copies it).</summary>
    public void Utf8(int index, ReadOnlySpan<byte> value)
    {
        if (index > 0)
        {
            Check(raw.sqlite3_bind_text(_statement, index, value));
        }
    }

    public void Number(int index, long? value)
    {
        if (index > 0)
        {
            Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));
        }
    }

    /// <summary>Runs the statement with what is bound; returns the rows it changed. The bindings stay for the next
    /// execution unless bound again.</summary>
    /// <exception cref="SqliteException">SQLite refused it; the statement is ready for the next execution.</exception>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != Done)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }

            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }
}
