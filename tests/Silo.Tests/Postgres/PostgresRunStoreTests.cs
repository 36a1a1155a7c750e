using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

public sealed class PostgresRunStoreTests : RunStoreTests
{
    public PostgresRunStoreTests()
        : base(new PostgresStoreEngine())
    {
    }
}
