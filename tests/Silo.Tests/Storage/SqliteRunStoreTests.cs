namespace OrleansCron.Tests.Storage;

public sealed class SqliteRunStoreTests : RunStoreTests
{
    public SqliteRunStoreTests()
        : base(new SqliteStoreEngine())
    {
    }
}
