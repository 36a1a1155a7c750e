namespace OrleansCron.Tests.Storage;

public sealed class SqliteMetricsStoreTests : MetricsStoreTests
{
    public SqliteMetricsStoreTests()
        : base(new SqliteStoreEngine())
    {
    }
}
