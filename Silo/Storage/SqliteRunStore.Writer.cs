using System.Collections.Immutable;
using Microsoft.Data.Sqlite;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

internal sealed partial class SqliteRunStore
{
    // No conflict target: a claim that hits either unique key, (schedule_id, occurrence) or the scheduled
    // instant of a non-manual run, inserts nothing and reads as "not claimed".
    private const string ClaimSql = """
        INSERT INTO oc_runs (schedule_id, occurrence, run_id, owner, target_id, scheduled_at, started_at, finished_at,
            status, "trigger", attempts, next_attempt_at, claimed_by, updated_at)
        VALUES (@schedule_id, @occurrence, @run_id, @owner, @target_id, @scheduled_at, @started_at, @finished_at,
            @status, @trigger, @attempts, @next_attempt_at, @claimed_by, @updated_at)
        ON CONFLICT DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE oc_runs
        SET started_at = @started_at, finished_at = @finished_at, status = @status, attempts = @attempts,
            next_attempt_at = @next_attempt_at, claimed_by = @claimed_by, updated_at = @updated_at
        WHERE schedule_id = @schedule_id AND occurrence = @occurrence
        """;

    private static readonly string[] ClaimParameters =
    [
        "schedule_id", "occurrence", "run_id", "owner", "target_id", "scheduled_at", "started_at", "finished_at",
        "status", "trigger", "attempts", "next_attempt_at", "claimed_by", "updated_at",
    ];

    private static readonly string[] UpdateParameters =
    [
        "schedule_id", "occurrence", "started_at", "finished_at", "status", "attempts", "next_attempt_at", "claimed_by", "updated_at",
    ];

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<RunWriteRequest>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < MaxBatchRows && reader.TryRead(out var request))
            {
                Interlocked.Decrement(ref _queuedCount);
                batch.Add(request);
                rows += request.Runs.Length;
            }

            try
            {
                await _database.EnsureMigratedAsync().ConfigureAwait(false);
                var results = WriteBatch(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception ex)
            {
                LogBatchFailed(_logger, batch.Count, rows, ex);
                CloseWriterConnection();
                foreach (var request in batch)
                {
                    request.Completion.TrySetException(ex);
                }
            }
        }

        CloseWriterConnection();
    }

    private ImmutableArray<bool>[] WriteBatch(List<RunWriteRequest> batch)
    {
        var connection = _writerConnection ??= _database.DataSource.Open();
        var updatedAt = StorageValues.ToUnixMs(_timeProvider.GetUtcNow());
        var results = new ImmutableArray<bool>[batch.Count];
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            using var claim = CreateCommand(connection, transaction, ClaimSql, ClaimParameters);
            using var update = CreateCommand(connection, transaction, UpdateSql, UpdateParameters);
            for (var i = 0; i < batch.Count; i++)
            {
                var request = batch[i];
                var claimed = ImmutableArray.CreateBuilder<bool>(request.Runs.Length);
                foreach (var run in request.Runs)
                {
                    var command = request.IsClaim ? claim : update;
                    Bind(command, run, updatedAt);
                    var affected = command.ExecuteNonQuery();
                    claimed.Add(affected == 1);
                }

                results[i] = request.IsClaim ? claimed.MoveToImmutable() : [];
            }

            transaction.Commit();
        }

        Interlocked.Increment(ref _commitCount);
        return results;
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, SqliteTransaction transaction, string sql, string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
        }

        return command;
    }

    private static void Bind(SqliteCommand command, RunRecord run, long updatedAt)
    {
        var parameters = command.Parameters;
        parameters["@schedule_id"].Value = run.ScheduleId;
        parameters["@occurrence"].Value = run.Occurrence;
        parameters["@started_at"].Value = RunRows.DbValue(StorageValues.ToUnixMs(run.StartedAt));
        parameters["@finished_at"].Value = RunRows.DbValue(StorageValues.ToUnixMs(run.FinishedAt));
        parameters["@status"].Value = StorageValues.ToText(run.Status);
        parameters["@attempts"].Value = RunRows.WriteAttempts(run.Attempts);
        parameters["@next_attempt_at"].Value = RunRows.DbValue(StorageValues.ToUnixMs(run.NextAttemptAt));
        parameters["@claimed_by"].Value = RunRows.DbValue(run.ClaimedBy);
        parameters["@updated_at"].Value = updatedAt;
        if (parameters.Contains("@run_id"))
        {
            parameters["@run_id"].Value = run.Id;
            parameters["@owner"].Value = run.Owner;
            parameters["@target_id"].Value = run.TargetId;
            parameters["@scheduled_at"].Value = StorageValues.ToUnixMs(run.ScheduledAt);
            parameters["@trigger"].Value = StorageValues.ToText(run.Trigger);
        }
    }

    private void CloseWriterConnection()
    {
        _writerConnection?.Dispose();
        _writerConnection = null;
    }
}
