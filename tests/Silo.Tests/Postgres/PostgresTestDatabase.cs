using Npgsql;

namespace OrleansCron.Tests.Postgres;

/// <summary>
/// A fresh, empty schema of its own in the test server's database (<see cref="VariableName"/>), first on the search
/// path of <see cref="ConnectionString"/>, dropped afterwards, so tests and test runs never see each other's rows.
/// Missing configuration fails the test with the way to fix it: these tests never skip.
/// </summary>
internal sealed class PostgresTestDatabase : IDisposable
{
    public const string VariableName = "ORLEANSCRON_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    public PostgresTestDatabase()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Set {VariableName} to a PostgreSQL connection string (eval \"$(bash .ci/postgres.sh)\" starts a server and prints it).");
        Schema = "oc_test_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE SCHEMA {Schema}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { SearchPath = Schema }.ToString();
    }

    public string Schema { get; }

    /// <summary>Connects with this schema first on the search path.</summary>
    public string ConnectionString { get; }

    public NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
