using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class SqliteDataSourceTests : IDisposable
{
    private readonly TempDatabase _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task OpenConnectionAsync_AsTheProvidersDo_TunesEveryConnection()
    {
        await using var dataSource = new SqliteDataSource(_file.FilePath);

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT synchronous FROM pragma_synchronous) || '/' || (SELECT timeout FROM pragma_busy_timeout)";
        var settings = await command.ExecuteScalarAsync();

        Assert.Equal($"1/{SqliteDataSource.BusyTimeoutMilliseconds}", settings);
        Assert.True(File.Exists(_file.FilePath));
    }
}
