using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansCron.Silo.Storage;

/// <summary>The cluster's PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> for our stores and the
/// Orleans providers, and its schema.</summary>
internal sealed class PostgresDatabase : StoreDatabase
{
    public PostgresDatabase(string connectionString, ILoggerFactory? loggerFactory = null)
        : base(PostgresMigrationDialect.Instance, loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        DataSource = builder.Build();
    }

    public override NpgsqlDataSource DataSource { get; }

    public override async ValueTask<WriteTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken, bool firePath = false) =>
        new(await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false), null);

    public override async ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    public override ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
