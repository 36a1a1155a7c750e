using System.Collections.Immutable;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

internal abstract partial class RunStore
{
    // No conflict target: a claim that hits either unique key, (schedule_id, occurrence) or the scheduled
    // instant of a non-manual run, inserts nothing and reads as "not claimed". The same text serves both engines.
    internal const string ClaimSql = """
        INSERT INTO oc_runs (schedule_id, occurrence, run_id, owner, target_id, scheduled_at, started_at, finished_at,
            status, "trigger", attempts, next_attempt_at, claimed_by, updated_at)
        VALUES (@schedule_id, @occurrence, @run_id, @owner, @target_id, @scheduled_at, @started_at, @finished_at,
            @status, @trigger, @attempts, @next_attempt_at, @claimed_by, @updated_at)
        ON CONFLICT DO NOTHING
        """;

    // Only from the state its writer saw: of two activations holding the same run (the directory can briefly allow
    // two during a failure), the first change wins and the other updates nothing. NULLs compare as values (IS NOT
    // DISTINCT FROM: SQLite 3.39 and later, PostgreSQL).
    internal const string UpdateSql = """
        UPDATE oc_runs
        SET started_at = @started_at, finished_at = @finished_at, status = @status, attempts = @attempts,
            next_attempt_at = @next_attempt_at, claimed_by = @claimed_by, updated_at = @updated_at
        WHERE schedule_id = @schedule_id AND occurrence = @occurrence AND status = @seen_status
            AND claimed_by IS NOT DISTINCT FROM @seen_claimed_by AND next_attempt_at IS NOT DISTINCT FROM @seen_next_attempt_at
        """;

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<RunWriteRequest>();
        using var gather = new PauseOnOwnThread("OrleansCron run writer gather");
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = Take(reader, batch, 0);
            if (rows < GatherBelowRows)
            {
                // A few rows only: let more come for a moment, so that they share one commit (measured at 1,000
                // fires/s: 2.8 rows per commit without this). Real time, off the runtime's timer queue.
                await gather.WaitAsync(GatherWindow).ConfigureAwait(false);
                rows = Take(reader, batch, rows);
            }

            Interlocked.Increment(ref _batchesBegun);
            try
            {
                await _database.EnsureMigratedAsync().ConfigureAwait(false);
                var results = await WriteBatchAsync(batch, rows).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                LogBatchFailed(_logger, batch.Count, rows, ex);
                await CloseWriterConnectionAsync().ConfigureAwait(false);
                foreach (var request in batch)
                {
                    request.Completion.TrySetException(ex);
                }
            }
        }

        await CloseWriterConnectionAsync().ConfigureAwait(false);
    }

    private int Take(ChannelReader<RunWriteRequest> reader, List<RunWriteRequest> batch, int rows)
    {
        while (rows < MaxBatchRows && reader.TryRead(out var request))
        {
            batch.Add(request);
            rows += request.Count;
        }

        return rows;
    }

    private async Task<ImmutableArray<bool>[]> WriteBatchAsync(List<RunWriteRequest> batch, int rows)
    {
        var connection = _writerConnection ??= await _database.OpenKeptConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        var updatedAt = StorageValues.ToUnixMs(_timeProvider.GetUtcNow());
        var write = await _database.BeginWriteAsync(connection, CancellationToken.None, firePath: true).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            var affected = connection is SqliteConnection sqlite
                ? ExecuteOneByOne(sqlite, batch, rows, updatedAt)
                : await ExecuteAsBatchAsync(connection, write.Transaction, batch, rows, updatedAt).ConfigureAwait(false);
            await write.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _commitCount);
            Interlocked.Add(ref _rowsCommitted, rows);
            return Results(batch, affected);
        }
    }

    /// <summary>All statements in one round trip (Npgsql); each keeps its own affected-row count.</summary>
    private static async Task<int[]> ExecuteAsBatchAsync(
        DbConnection connection, DbTransaction transaction, List<RunWriteRequest> batch, int rows, long updatedAt)
    {
        var dbBatch = connection.CreateBatch();
        await using (dbBatch.ConfigureAwait(false))
        {
            dbBatch.Transaction = transaction;
            foreach (var request in batch)
            {
                for (var i = 0; i < request.Count; i++)
                {
                    var command = dbBatch.CreateBatchCommand();
                    command.CommandText = request.IsClaim ? ClaimSql : UpdateSql;
                    foreach (var (name, value) in Values(request.RunAt(i), request.SeenAt(i), updatedAt))
                    {
                        DbCommands.Add(command, name, value);
                    }

                    dbBatch.BatchCommands.Add(command);
                }
            }

            await dbBatch.ExecuteNonQueryAsync().ConfigureAwait(false);
            var affected = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                affected[i] = dbBatch.BatchCommands[i].RecordsAffected;
            }

            return affected;
        }
    }

    /// <summary>One prepared statement per kind, kept with the writer connection and bound again per row (SQLite: no
    /// round trips to save). The rows join the transaction open on the connection.</summary>
    private int[] ExecuteOneByOne(SqliteConnection connection, List<RunWriteRequest> batch, int rows, long updatedAt)
    {
        if (_rowStatements?.Claim.Connection != connection)
        {
            DisposeRowStatements();
            var claimStatement = new SqliteRunRowStatement(connection, ClaimSql);
            try
            {
                _rowStatements = (claimStatement, new SqliteRunRowStatement(connection, UpdateSql));
            }
            catch
            {
                claimStatement.Dispose();
                throw;
            }
        }

        var (claim, update) = _rowStatements.Value;
        var affected = new int[rows];
        var row = 0;
        foreach (var request in batch)
        {
            var statement = request.IsClaim ? claim : update;
            for (var i = 0; i < request.Count; i++)
            {
                affected[row++] = statement.Execute(request.RunAt(i), request.SeenAt(i), updatedAt);
            }
        }

        return affected;
    }

    private static ImmutableArray<bool>[] Results(List<RunWriteRequest> batch, int[] affected)
    {
        var results = new ImmutableArray<bool>[batch.Count];
        var row = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            var written = ImmutableArray.CreateBuilder<bool>(request.Count);
            for (var k = 0; k < request.Count; k++)
            {
                written.Add(affected[row++] == 1);
            }

            results[i] = written.MoveToImmutable();
        }

        return results;
    }

    private static IEnumerable<(string Name, object? Value)> Values(RunRecord run, RunRecord? seen, long updatedAt)
    {
        yield return ("@schedule_id", run.ScheduleId);
        yield return ("@occurrence", run.Occurrence);
        yield return ("@started_at", StorageValues.ToUnixMs(run.StartedAt));
        yield return ("@finished_at", StorageValues.ToUnixMs(run.FinishedAt));
        yield return ("@status", StorageValues.ToText(run.Status));
        yield return ("@attempts", RunRows.WriteAttempts(run.Attempts));
        yield return ("@next_attempt_at", StorageValues.ToUnixMs(run.NextAttemptAt));
        yield return ("@claimed_by", run.ClaimedBy);
        yield return ("@updated_at", updatedAt);
        if (seen is not null)
        {
            yield return ("@seen_status", StorageValues.ToText(seen.Status));
            yield return ("@seen_claimed_by", seen.ClaimedBy);
            yield return ("@seen_next_attempt_at", StorageValues.ToUnixMs(seen.NextAttemptAt));
        }
        else
        {
            yield return ("@run_id", run.Id);
            yield return ("@owner", run.Owner);
            yield return ("@target_id", run.TargetId);
            yield return ("@scheduled_at", StorageValues.ToUnixMs(run.ScheduledAt));
            yield return ("@trigger", StorageValues.ToText(run.Trigger));
        }
    }

    private async ValueTask CloseWriterConnectionAsync()
    {
        DisposeRowStatements();
        if (_writerConnection is { } connection)
        {
            _writerConnection = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void DisposeRowStatements()
    {
        if (_rowStatements is var (claim, update))
        {
            _rowStatements = null;
            claim.Dispose();
            update.Dispose();
        }
    }
}
