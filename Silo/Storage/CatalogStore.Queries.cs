using System.Collections.Immutable;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using OrleansCron.Catalog;
using OrleansCron.Schedules;
using OrleansCron.Storage;
using OrleansCron.Targets;

namespace OrleansCron.Silo.Storage;

internal abstract partial class CatalogStore
{
    /// <summary>Page size when a query asks for none, and the largest page served.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 1000;

    public async Task<TargetPage> ListTargetsAsync(TargetQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, view, (SELECT COUNT(*) FROM oc_target_links WHERE target_id = oc_targets.id) FROM oc_targets WHERE 1 = 1");
        Filter(command, sql, "owner = @owner", "@owner", query.Owner);
        Filter(command, sql, "id IN (SELECT target_id FROM oc_target_tags WHERE tag = @tag)", "@tag", query.Tag);
        var limit = Page(command, sql, query.Cursor, query.Limit);

        var (items, next) = await ReadPageAsync(
            command,
            limit,
            reader => Deserialize<TargetView>(reader.GetString(1)) with { ScheduleCount = (int)reader.GetInt64(2) },
            t => t.Id,
            cancellationToken).ConfigureAwait(false);
        return new TargetPage(items, next);
    }

    public async Task<ImmutableArray<string>> LinkedSchedulesAsync(string targetId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetId);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT schedule_id FROM oc_target_links WHERE target_id = @target_id ORDER BY schedule_id";
        DbCommands.Add(command, "@target_id", targetId);
        var ids = ImmutableArray.CreateBuilder<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids.ToImmutable();
    }

    public async Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await FlushNextFireAsync(cancellationToken).ConfigureAwait(false);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, view, next_fire_at FROM oc_schedules WHERE 1 = 1");
        Filter(command, sql, "status = @status", "@status", query.Status is { } status ? StorageValues.ToText(status) : null);
        Filter(command, sql, "kind = @kind", "@kind", query.Kind is { } kind ? StorageValues.ToText(kind) : null);
        Filter(command, sql, "target_id = @target_id", "@target_id", query.TargetId);
        Filter(command, sql, "owner = @owner", "@owner", query.Owner);
        Filter(command, sql, "id IN (SELECT schedule_id FROM oc_schedule_tags WHERE tag = @tag)", "@tag", query.Tag);
        var limit = Page(command, sql, query.Cursor, query.Limit);

        var (items, next) = await ReadPageAsync(command, limit, ReadSchedule, s => s.Id, cancellationToken).ConfigureAwait(false);
        return new SchedulePage(items, next);
    }

    // The JSON view is written on each change; the next fire moves on every fire and lives in its own column.
    private static ScheduleView ReadSchedule(DbDataReader reader)
    {
        DateTimeOffset? nextFireAt = reader.IsDBNull(2) ? null : StorageValues.FromUnixMs(reader.GetInt64(2));
        return Deserialize<ScheduleView>(reader.GetString(1)) with { NextFireAt = nextFireAt, LastRun = null };
    }

    /// <summary>Reads one page (the query asked for one row more than <paramref name="limit"/>, to tell whether
    /// another page follows) and the cursor of the next page.</summary>
    private static async Task<(ImmutableArray<T> Items, string? NextCursor)> ReadPageAsync<T>(
        DbCommand command, int limit, Func<DbDataReader, T> read, Func<T, string> id, CancellationToken cancellationToken)
    {
        var items = ImmutableArray.CreateBuilder<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var more = false;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(read(reader));
        }

        return (items.ToImmutable(), more ? new PageCursor(0, id(items[^1])).Encode() : null);
    }

    public async Task<ImmutableArray<UpcomingEntry>> UpcomingAsync(int limit, CancellationToken cancellationToken = default)
    {
        await FlushNextFireAsync(cancellationToken).ConfigureAwait(false);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, target_id, next_fire_at FROM oc_schedules
            WHERE status = 'active' AND next_fire_at IS NOT NULL
            ORDER BY next_fire_at, id LIMIT @limit
            """;
        DbCommands.Add(command, "@limit", limit <= 0 ? DefaultPageSize : Math.Min(limit, MaxPageSize));
        var entries = ImmutableArray.CreateBuilder<UpcomingEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new UpcomingEntry(reader.GetString(0), reader.GetString(1), StorageValues.FromUnixMs(reader.GetInt64(2))));
        }

        return entries.ToImmutable();
    }

    public async Task<ImmutableArray<string>> DueBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await FlushNextFireAsync(cancellationToken).ConfigureAwait(false);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM oc_schedules
            WHERE status = 'active' AND next_fire_at IS NOT NULL AND next_fire_at < @before
            ORDER BY next_fire_at, id
            """;
        DbCommands.Add(command, "@before", StorageValues.ToUnixMs(before));
        var ids = ImmutableArray.CreateBuilder<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids.ToImmutable();
    }

    private static void Filter(DbCommand command, StringBuilder sql, string condition, string parameter, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(condition);
        DbCommands.Add(command, parameter, value);
    }

    /// <summary>Appends the keyset condition, order and limit (one row more than the page, to tell if another follows).</summary>
    private static int Page(DbCommand command, StringBuilder sql, string? cursor, int requested)
    {
        if (PageCursor.TryDecode(cursor, out var after) && after is not null)
        {
            sql.Append(" AND id > @after");
            DbCommands.Add(command, "@after", after.Id);
        }

        var limit = requested <= 0 ? DefaultPageSize : Math.Min(requested, MaxPageSize);
        sql.Append(" ORDER BY id LIMIT @limit");
        DbCommands.Add(command, "@limit", limit + 1);
        command.CommandText = sql.ToString();
        return limit;
    }

    private static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, StorageJson.Options)
            ?? throw new JsonException($"A stored {typeof(T).Name} is null.");
}
