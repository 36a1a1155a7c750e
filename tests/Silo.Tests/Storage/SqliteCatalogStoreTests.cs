namespace OrleansCron.Tests.Storage;

public sealed class SqliteCatalogStoreTests : CatalogStoreTests
{
    public SqliteCatalogStoreTests()
        : base(new SqliteStoreEngine())
    {
    }
}
