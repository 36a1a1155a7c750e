using OrleansCron.Tests.Storage;

namespace OrleansCron.Tests.Postgres;

public sealed class PostgresCatalogStoreTests : CatalogStoreTests
{
    public PostgresCatalogStoreTests()
        : base(new PostgresStoreEngine())
    {
    }
}
