using System.Collections.Immutable;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Applies the versioned schema scripts of one engine, each once and in its own transaction, recording them in
/// <c>oc_schema_version</c>. Every step is guarded by the dialect's exclusive transaction and re-checks what is
/// applied inside it, so running it again, or from several processes at once, changes nothing twice.
/// </summary>
internal sealed partial class Migrator(DbDataSource dataSource, MigrationDialect dialect, TimeProvider timeProvider, ILogger<Migrator> logger)
{
    private const int MaxTries = 20;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Applies every script that is not applied yet; returns how many this call applied.</summary>
    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        MigrateAsync(MigrationScripts.Load(dialect.Engine), cancellationToken);

    /// <summary>Applies the given scripts (in version order) that are not applied yet.</summary>
    public async Task<int> MigrateAsync(ImmutableArray<MigrationScript> scripts, CancellationToken cancellationToken = default)
    {
        await RetryAsync(PrepareAsync, cancellationToken).ConfigureAwait(false);
        var applied = 0;
        foreach (var script in scripts.OrderBy(s => s.Version))
        {
            if (await RetryAsync(ct => ApplyAsync(script, ct), cancellationToken).ConfigureAwait(false))
            {
                applied++;
                LogApplied(logger, dialect.Engine, script.Version, script.Name);
            }
        }

        return applied;
    }

    private async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await dialect.PrepareAsync(connection, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task<bool> ApplyAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await dialect.BeginExclusiveAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, dialect.CreateVersionTableSql, cancellationToken).ConfigureAwait(false);
                if (await IsAppliedAsync(connection, transaction, script.Version, cancellationToken).ConfigureAwait(false))
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
                await RecordAsync(connection, transaction, script, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await step(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < MaxTries && dialect.IsTransient(ex))
            {
                LogBusy(logger, dialect.Engine, attempt, ex.Message);
                await Task.Delay(RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT COUNT(*) FROM oc_schema_version WHERE version = @version";
            DbCommands.Add(command, "@version", version);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, MigrationScript script, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO oc_schema_version (version, name, applied_at) VALUES (@version, @name, @appliedAt)";
            DbCommands.Add(command, "@version", script.Version);
            DbCommands.Add(command, "@name", script.Name);
            DbCommands.Add(command, "@appliedAt", timeProvider.GetUtcNow());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
