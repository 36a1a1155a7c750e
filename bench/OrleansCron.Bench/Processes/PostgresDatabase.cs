using Npgsql;

namespace OrleansCron.Bench.Processes;

/// <summary>A fresh database for one cluster run on a PostgreSQL server, dropped when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The admin connection string pointed at this database: what the silo and the gateway use.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>oc_bench_&lt;random&gt;</c>; the admin role needs CREATEDB. The service creates its tables.</summary>
    public static async Task<PostgresDatabase> CreateAsync(string adminConnectionString, CancellationToken cancellationToken = default)
    {
        var database = new PostgresDatabase(adminConnectionString, "oc_bench_" + Guid.NewGuid().ToString("N")[..12]);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return database;
    }

    public async Task<long> CountRunRowsAsync(long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM oc_runs WHERE scheduled_at >= @from AND scheduled_at < @to", connection);
        command.Parameters.AddWithValue("from", fromMs);
        command.Parameters.AddWithValue("to", toMs);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Tables, indexes and TOAST of the whole database, as PostgreSQL counts them.</summary>
    public async Task<long> SizeBytesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of this process would hold the database open; FORCE ends any left by the service.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
