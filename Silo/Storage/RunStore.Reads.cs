using System.Collections.Immutable;
using System.Text;
using OrleansCron.Catalog;
using OrleansCron.History;
using OrleansCron.Runs;

namespace OrleansCron.Silo.Storage;

internal abstract partial class RunStore
{
    /// <summary>Page size when a query asks for none, and the largest page served.</summary>
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 1000;

    // The last non-manual instant walks the schedule's runs newest first (ix_oc_runs_schedule_newest) to the first
    // that is not manual: no index leads with the schedule and holds only those (migration 0009).
    private const string LoadStateSql = $"""
        SELECT max(occurrence) FROM oc_runs WHERE schedule_id = @schedule_id;
        SELECT (SELECT scheduled_at FROM oc_runs WHERE schedule_id = @schedule_id AND "trigger" <> 'manual'
            ORDER BY scheduled_at DESC LIMIT 1);
        SELECT {RunRows.Columns} FROM oc_runs WHERE schedule_id = @schedule_id ORDER BY occurrence DESC LIMIT 1;
        SELECT {RunRows.Columns} FROM oc_runs
        WHERE schedule_id = @schedule_id AND status IN ('pending', 'running') ORDER BY occurrence;
        """;

    // The highest occurrence of a schedule holds its firing position, so it is never pruned. Runs are found through
    // the instant index (no index on finished_at: one b-tree less to write per run); a run finishes after its instant
    // or at most a claim lead before it, so a run finished before the cutoff goes once its instant is before it too.
    private const string PruneSql = """
        DELETE FROM oc_runs WHERE (schedule_id, occurrence) IN (
            SELECT r.schedule_id, r.occurrence FROM oc_runs AS r
            WHERE r.scheduled_at < @before AND r.finished_at IS NOT NULL AND r.finished_at < @before
                AND r.status NOT IN ('pending', 'running')
                AND r.occurrence < (SELECT max(m.occurrence) FROM oc_runs AS m WHERE m.schedule_id = r.schedule_id)
            ORDER BY r.scheduled_at
            LIMIT @limit)
        """;

    public async Task<ScheduleRunState> LoadScheduleStateAsync(string scheduleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction, so the four answers come from one snapshot.
        await using var transaction = await _database.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var command = DbCommands.Create(connection, transaction, LoadStateSql);
        DbCommands.Add(command, "@schedule_id", scheduleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var lastOccurrence = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? lastScheduledAt = reader.IsDBNull(0) ? null : StorageValues.FromUnixMs(reader.GetInt64(0));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var lastRun = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? RunRows.Read(reader) : null;
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var unfinished = ImmutableArray.CreateBuilder<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            unfinished.Add(RunRows.Read(reader));
        }

        return lastRun is null
            ? ScheduleRunState.Empty
            : new ScheduleRunState(lastOccurrence, lastScheduledAt, lastRun, unfinished.ToImmutable());
    }

    public async Task<ImmutableArray<UnfinishedClaim>> ListUnfinishedClaimsAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT schedule_id, claimed_by FROM oc_runs WHERE status IN ('pending', 'running')";
        var claims = ImmutableArray.CreateBuilder<UnfinishedClaim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claims.Add(new UnfinishedClaim(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return claims.ToImmutable();
    }

    public async Task<RunRecord?> GetAsync(string scheduleId, long occurrence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduleId);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RunRows.Columns} FROM oc_runs WHERE schedule_id = @schedule_id AND occurrence = @occurrence";
        DbCommands.Add(command, "@schedule_id", scheduleId);
        DbCommands.Add(command, "@occurrence", occurrence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? RunRows.Read(reader) : null;
    }

    public async Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        var limit = query.Limit <= 0 ? DefaultPageSize : Math.Min(query.Limit, MaxPageSize);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();

        // Only the filters in use go into the text, so the planner can pick the matching index.
        var sql = new StringBuilder($"SELECT {RunRows.Columns} FROM oc_runs WHERE 1 = 1");
        if (query.ScheduleId is not null)
        {
            sql.Append(" AND schedule_id = @schedule_id");
            DbCommands.Add(command, "@schedule_id", query.ScheduleId);
        }

        if (query.Status is { } status)
        {
            sql.Append(" AND status = @status");
            DbCommands.Add(command, "@status", StorageValues.ToText(status));
        }

        if (query.From is { } from)
        {
            sql.Append(" AND scheduled_at >= @from");
            DbCommands.Add(command, "@from", StorageValues.ToUnixMs(from));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND scheduled_at < @to");
            DbCommands.Add(command, "@to", StorageValues.ToUnixMs(to));
        }

        if (PageCursor.TryDecode(query.Cursor, out var cursor) && cursor is not null)
        {
            sql.Append(" AND (scheduled_at, run_id) < (@cursor_at, @cursor_id)");
            DbCommands.Add(command, "@cursor_at", cursor.Position);
            DbCommands.Add(command, "@cursor_id", cursor.Id);
        }

        sql.Append(" ORDER BY scheduled_at DESC, run_id DESC LIMIT @limit");
        DbCommands.Add(command, "@limit", limit + 1);
        command.CommandText = sql.ToString();

        var items = ImmutableArray.CreateBuilder<RunRecord>(limit);
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(RunRows.Read(reader));
        }

        var page = items.ToImmutable();
        var next = more ? new PageCursor(StorageValues.ToUnixMs(page[^1].ScheduledAt), page[^1].Id).Encode() : null;
        return new RunPage(page, next);
    }

    public async Task<int> PruneAsync(DateTimeOffset finishedBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        await _database.EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = PruneSql;
        DbCommands.Add(command, "@before", StorageValues.ToUnixMs(finishedBefore));
        DbCommands.Add(command, "@limit", batchSize);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            LogPruned(_logger, deleted, finishedBefore);
        }

        return deleted;
    }
}
