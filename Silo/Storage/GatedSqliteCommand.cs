using System.Data;
using Microsoft.Data.Sqlite;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// A command that, when it writes outside a transaction (how the Orleans ADO.NET providers write grain state and
/// reminders), first takes its turn at the <see cref="SqliteWriteGate"/>: asynchronously from the async entry points,
/// so that waiting for another writer holds no thread. Inside a transaction it does nothing: the transaction's writer
/// took the turn when it began (<see cref="SqliteDatabase.BeginWriteAsync"/>), or holds the lock without one (the
/// migrations). A turn taken for a data reader lasts until the command is disposed or run again, since SQLite keeps the
/// write lock until the statement is done with.
/// </summary>
internal sealed class GatedSqliteCommand(SqliteWriteGate gate) : SqliteCommand
{
    private static readonly string[] WriteVerbs = ["INSERT", "UPDATE", "DELETE", "REPLACE"];

    private IDisposable? _turn;

    // The execution under way already has its turn (taken by an async entry point before the synchronous core ran).
    private bool _entered;

    /// <summary>True for SQL that may write: it names one of SQLite's writing verbs as a whole word.</summary>
    internal static bool MayWrite(string? sql)
    {
        if (string.IsNullOrEmpty(sql))
        {
            return false;
        }

        foreach (var verb in WriteVerbs)
        {
            for (var at = sql.IndexOf(verb, StringComparison.OrdinalIgnoreCase); at >= 0; at = sql.IndexOf(verb, at + verb.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + verb.Length;
                if ((at == 0 || !IsWordChar(sql[at - 1])) && (end == sql.Length || !IsWordChar(sql[end])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private bool NeedsTurn => Transaction is null && MayWrite(CommandText);

    public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
    {
        if (!_entered)
        {
            ReleaseTurn();
            if (NeedsTurn)
            {
                _turn = gate.Enter();
            }
        }

        _entered = false;
        try
        {
            return base.ExecuteReader(behavior);
        }
        catch
        {
            ReleaseTurn();
            throw;
        }
    }

    // DbCommand.ExecuteReaderAsync (what the Orleans providers call) comes here too, through ExecuteDbDataReaderAsync.
    public override async Task<SqliteDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ExecuteReader(behavior);
        }
        finally
        {
            _entered = false;
        }
    }

    public override int ExecuteNonQuery()
    {
        try
        {
            return base.ExecuteNonQuery();
        }
        finally
        {
            ReleaseTurn();
        }
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ExecuteNonQuery();
        }
        finally
        {
            _entered = false;
        }
    }

    public override object? ExecuteScalar()
    {
        try
        {
            return base.ExecuteScalar();
        }
        finally
        {
            ReleaseTurn();
        }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ExecuteScalar();
        }
        finally
        {
            _entered = false;
        }
    }

    private async ValueTask EnterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ReleaseTurn();
        if (NeedsTurn)
        {
            _turn = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        }

        _entered = true;
    }

    private void ReleaseTurn()
    {
        _turn?.Dispose();
        _turn = null;
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            ReleaseTurn();
        }
    }
}
