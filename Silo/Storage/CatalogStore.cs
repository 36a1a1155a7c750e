using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Storage;
using OrleansCron.Targets;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// The catalog projection in a <see cref="StoreDatabase"/>, engine-neutral: one row per target and schedule holding
/// its view as JSON plus the columns it is filtered and sorted by, and tag join tables for exact one-tag filters.
/// </summary>
internal abstract partial class CatalogStore : ICatalogStore, IAsyncDisposable, IDisposable
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

    private readonly StoreDatabase _database;
    private readonly ILogger _logger;

    protected CatalogStore(StoreDatabase database, TimeProvider timeProvider, ILogger logger)
    {
        _database = database;
        _logger = logger;
        _flush = new PeriodicWork(FlushInterval, timeProvider, FlushNextFireAsync, ex => LogFlushFailed(_logger, ex));
    }

    public Task UpsertTargetAsync(TargetView target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var tags = DistinctTags(target.Spec.Tags);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = DbCommands.Create(connection, transaction, UpsertTargetSql);
                DbCommands.Add(command, "@id", target.Id);
                DbCommands.Add(command, "@owner", target.Spec.Owner);
                DbCommands.Add(command, "@name", target.Spec.Name);
                DbCommands.Add(command, "@tags", JsonSerializer.Serialize(tags, StorageJson.Options));
                DbCommands.Add(command, "@view", JsonSerializer.Serialize(target, StorageJson.Options));
                DbCommands.Add(command, "@created_at", StorageValues.ToUnixMs(target.CreatedAt));
                DbCommands.Add(command, "@updated_at", StorageValues.ToUnixMs(target.UpdatedAt));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await InsertTagsAsync(connection, transaction, "oc_target_tags (tag, target_id)", target.Id, tags, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task DeleteTargetAsync(string targetId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        return WriteAsync(
            (connection, transaction) => ExecuteAsync(
                connection,
                transaction,
                "DELETE FROM oc_targets WHERE id = @id; DELETE FROM oc_target_tags WHERE target_id = @id; DELETE FROM oc_target_links WHERE target_id = @id;",
                targetId,
                cancellationToken),
            cancellationToken);
    }

    public Task LinkScheduleAsync(string targetId, string scheduleId, CancellationToken cancellationToken = default) =>
        WriteLinkAsync("INSERT INTO oc_target_links (target_id, schedule_id) VALUES (@target_id, @schedule_id) ON CONFLICT DO NOTHING", targetId, scheduleId, cancellationToken);

    public Task UnlinkScheduleAsync(string targetId, string scheduleId, CancellationToken cancellationToken = default) =>
        WriteLinkAsync("DELETE FROM oc_target_links WHERE target_id = @target_id AND schedule_id = @schedule_id", targetId, scheduleId, cancellationToken);

    private Task WriteLinkAsync(string sql, string targetId, string scheduleId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        return WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = DbCommands.Create(connection, transaction, sql);
                DbCommands.Add(command, "@target_id", targetId);
                DbCommands.Add(command, "@schedule_id", scheduleId);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
                async (connection, transaction) =>
                {
                    await using var command = DbCommands.Create(connection, transaction, UpsertScheduleSql);
                    DbCommands.Add(command, "@id", schedule.Id);
                    DbCommands.Add(command, "@target_id", schedule.Spec.TargetId);
                    DbCommands.Add(command, "@owner", schedule.Spec.Owner);
                    DbCommands.Add(command, "@kind", StorageValues.ToText(schedule.Spec.Kind));
                    DbCommands.Add(command, "@status", StorageValues.ToText(schedule.Status));
                    DbCommands.Add(command, "@tags", JsonSerializer.Serialize(tags, StorageJson.Options));
                    DbCommands.Add(command, "@next_fire_at", StorageValues.ToUnixMs(schedule.NextFireAt));
                    DbCommands.Add(command, "@view", JsonSerializer.Serialize(stored, StorageJson.Options));
                    DbCommands.Add(command, "@created_at", StorageValues.ToUnixMs(schedule.CreatedAt));
                    DbCommands.Add(command, "@updated_at", StorageValues.ToUnixMs(schedule.UpdatedAt));
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await InsertTagsAsync(connection, transaction, "oc_schedule_tags (tag, schedule_id)", schedule.Id, tags, cancellationToken).ConfigureAwait(false);
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
                (connection, transaction) => ExecuteAsync(
                    connection, transaction, "DELETE FROM oc_schedules WHERE id = @id; DELETE FROM oc_schedule_tags WHERE schedule_id = @id;", scheduleId, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _scheduleWrites.Release();
        }
    }

    private async Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken)
    {
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await write(connection, transaction.Transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, string id, CancellationToken cancellationToken)
    {
        await using var command = DbCommands.Create(connection, transaction, sql);
        DbCommands.Add(command, "@id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertTagsAsync(
        DbConnection connection, DbTransaction transaction, string table, string id, ImmutableArray<string> tags, CancellationToken cancellationToken)
    {
        if (tags.IsEmpty)
        {
            return;
        }

        await using var command = DbCommands.Create(connection, transaction, $"INSERT INTO {table} VALUES (@tag, @id) ON CONFLICT DO NOTHING");
        var tag = DbCommands.Add(command, "@tag", null);
        DbCommands.Add(command, "@id", id);
        foreach (var value in tags)
        {
            tag.Value = value;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static ImmutableArray<string> DistinctTags(ImmutableArray<string> tags) =>
        tags.IsDefaultOrEmpty ? [] : [.. tags.Where(t => !string.IsNullOrEmpty(t)).Distinct(StringComparer.Ordinal)];
}
