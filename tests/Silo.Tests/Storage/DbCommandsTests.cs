using Microsoft.Data.Sqlite;
using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class DbCommandsTests
{
    [Theory]
    [InlineData("id")]
    [InlineData("$id")]
    [InlineData("@")]
    public void Add_NameNotSpelledAsInTheSql_IsRefused(string name)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        using var command = connection.CreateCommand();

        var error = Assert.Throws<ArgumentException>(() => DbCommands.Add(command, name, 1));

        Assert.Contains("'@name'", error.Message, StringComparison.Ordinal);
        Assert.Empty(command.Parameters);
    }

    [Fact]
    public void Add_PrefixedName_BindsTheValueInTheSql()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = DbCommands.Create(connection, null, "SELECT @a + @b");

        DbCommands.Add(command, "@a", 40L);
        DbCommands.Add(command, "@b", 2L);

        Assert.Equal(42L, command.ExecuteScalar());
    }
}
