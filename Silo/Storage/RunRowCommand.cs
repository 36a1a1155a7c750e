using System.Data.Common;
using System.Diagnostics;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// The claim or the update of one run row as a command made once and bound again for every row: its parameters are
/// created on the first row and only their values change after that, and the engine keeps the statement prepared
/// between executions. The run writer holds one of each for as long as it holds its connection (SQLite, where each
/// row is a statement of its own; PostgreSQL sends a batch instead).
/// </summary>
internal sealed class RunRowCommand(DbConnection connection, string sql) : IAsyncDisposable
{
    private readonly DbCommand _command = DbCommands.Create(connection, null, sql);

    public DbConnection? Connection => _command.Connection;

    /// <summary>Writes one row in the given transaction; returns the rows affected (1, or 0 for a lost claim or a
    /// missing row). The values come in the same order for every row.</summary>
    public Task<int> ExecuteAsync(DbTransaction transaction, IEnumerable<(string Name, object? Value)> values)
    {
        _command.Transaction = transaction;
        var parameters = _command.Parameters;
        var fresh = parameters.Count == 0;
        var index = 0;
        foreach (var (name, value) in values)
        {
            if (fresh)
            {
                DbCommands.Add(_command, name, value);
                continue;
            }

            var parameter = parameters[index++];
            Debug.Assert(parameter.ParameterName == name, "Values come in the same order for every row.");
            parameter.Value = value ?? DBNull.Value;
        }

        return _command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
