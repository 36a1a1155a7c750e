using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

public sealed class PostgresMetricsStoreTests : MetricsStoreTests
{
    public PostgresMetricsStoreTests()
        : base(new PostgresStoreEngine())
    {
    }
}
