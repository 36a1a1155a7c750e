using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// The catalog projection on the standalone SQLite file: one row per target and schedule holding its view as
/// JSON plus the columns it is filtered and sorted by, and tag join tables for exact one-tag filters.
/// </summary>
internal sealed partial class SqliteCatalogStore : ICatalogStore, IAsyncDisposable, IDisposable
{
    private const string UpsertTargetSql = """
        INSERT INTO oc_targets (id, owner, name, tags, view, created_at, updated_at)
        VALUES (@id, @owner, @name, @tags, @view, @created_at, @updated_at)
        ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, name = excluded.name, tags = excluded.tags,
            view = excluded.view, created_at = excluded.created_at, updated_at = excluded.updated_at;
        DELETE FROM oc_target_tags WHERE target_id = @id;
        """;

    private const string UpsertScheduleSql = """
        INSERT INTO oc_schedules (id, target_id, owner, kind, status, tags, next_fire_at, view, created_at, updated_at)
        VALUES (@id, @target_id, @owner, @kind, @status, @tags, @next_fire_at, @view, @created_at, @updated_at)
        ON CONFLICT (id) DO UPDATE SET target_id = excluded.target_id, owner = excluded.owner, kind = excluded.kind,
            status = excluded.status, tags = excluded.tags, next_fire_at = excluded.next_fire_at, view = excluded.view,
            created_at = excluded.created_at, updated_at = excluded.updated_at;
        DELETE FROM oc_schedule_tags WHERE schedule_id = @id;
        """;

    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteCatalogStore> _logger;

    public SqliteCatalogStore(SqliteDatabase database, TimeProvider timeProvider, ILogger<SqliteCatalogStore> logger)
    {
        _database = database;
        _logger = logger;

        // Created here, not in the loop, so that its first period starts now whatever the thread pool does.
        _flushTimer = new PeriodicTimer(FlushInterval, timeProvider);
        _flushLoop = Task.Run(FlushLoopAsync);
    }

    public async Task UpsertTargetAsync(TargetView target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var tags = DistinctTags(target.Spec.Tags);
        await WriteAsync(
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, UpsertTargetSql);
                command.Parameters.AddWithValue("@id", target.Id);
                command.Parameters.AddWithValue("@owner", target.Spec.Owner);
                command.Parameters.AddWithValue("@name", target.Spec.Name);
                command.Parameters.AddWithValue("@tags", JsonSerializer.Serialize(tags, StorageJson.Options));
                command.Parameters.AddWithValue("@view", JsonSerializer.Serialize(target, StorageJson.Options));
                command.Parameters.AddWithValue("@created_at", StorageValues.ToUnixMs(target.CreatedAt));
                command.Parameters.AddWithValue("@updated_at", StorageValues.ToUnixMs(target.UpdatedAt));
                command.ExecuteNonQuery();
                InsertTags(connection, transaction, "INSERT OR IGNORE INTO oc_target_tags (tag, target_id) VALUES (@tag, @id)", target.Id, tags);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteTargetAsync(string targetId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        return WriteAsync(
            (connection, transaction) =>
            {
                using var command = Command(connection, transaction, "DELETE FROM oc_targets WHERE id = @id; DELETE FROM oc_target_tags WHERE target_id = @id;");
                command.Parameters.AddWithValue("@id", targetId);
                command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task UpsertScheduleAsync(ScheduleView schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var tags = DistinctTags(schedule.Spec.Tags);
        var stored = schedule with { LastRun = null };

        // Serialised with the next-fire flush, and drops any pending value: this view is newer than it.
        await _scheduleWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DropPendingNextFire(schedule.Id);
            await WriteAsync(
                (connection, transaction) =>
                {
                    using var command = Command(connection, transaction, UpsertScheduleSql);
                    command.Parameters.AddWithValue("@id", schedule.Id);
                    command.Parameters.AddWithValue("@target_id", schedule.Spec.TargetId);
                    command.Parameters.AddWithValue("@owner", schedule.Spec.Owner);
                    command.Parameters.AddWithValue("@kind", StorageValues.ToText(schedule.Spec.Kind));
                    command.Parameters.AddWithValue("@status", StorageValues.ToText(schedule.Status));
                    command.Parameters.AddWithValue("@tags", JsonSerializer.Serialize(tags, StorageJson.Options));
                    command.Parameters.AddWithValue("@next_fire_at", RunRows.DbValue(StorageValues.ToUnixMs(schedule.NextFireAt)));
                    command.Parameters.AddWithValue("@view", JsonSerializer.Serialize(stored, StorageJson.Options));
                    command.Parameters.AddWithValue("@created_at", StorageValues.ToUnixMs(schedule.CreatedAt));
                    command.Parameters.AddWithValue("@updated_at", StorageValues.ToUnixMs(schedule.UpdatedAt));
                    command.ExecuteNonQuery();
                    InsertTags(connection, transaction, "INSERT OR IGNORE INTO oc_schedule_tags (tag, schedule_id) VALUES (@tag, @id)", schedule.Id, tags);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scheduleWrites.Release();
        }
    }

    public async Task DeleteScheduleAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        await _scheduleWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DropPendingNextFire(scheduleId);
            await WriteAsync(
                (connection, transaction) =>
                {
                    using var command = Command(connection, transaction, "DELETE FROM oc_schedules WHERE id = @id; DELETE FROM oc_schedule_tags WHERE schedule_id = @id;");
                    command.Parameters.AddWithValue("@id", scheduleId);
                    command.ExecuteNonQuery();
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scheduleWrites.Release();
        }
    }

    private async Task WriteAsync(Action<SqliteConnection, SqliteTransaction> write, CancellationToken cancellationToken)
    {
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        using var connection = await _database.DataSource.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: false);
        write(connection, transaction);
        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void InsertTags(SqliteConnection connection, SqliteTransaction transaction, string sql, string id, ImmutableArray<string> tags)
    {
        if (tags.IsEmpty)
        {
            return;
        }

        using var command = Command(connection, transaction, sql);
        var tag = command.Parameters.Add("@tag", SqliteType.Text);
        command.Parameters.AddWithValue("@id", id);
        foreach (var value in tags)
        {
            tag.Value = value;
            command.ExecuteNonQuery();
        }
    }

    private static ImmutableArray<string> DistinctTags(ImmutableArray<string> tags) =>
        tags.IsDefaultOrEmpty ? [] : [.. tags.Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal)];
}
