using System.Data.Common;

namespace OrleansCron.Silo.Storage;

/// <summary>Engine-neutral command building over <see cref="System.Data.Common"/>: parameters are named as the SQL
/// writes them, <c>@name</c>, which both Microsoft.Data.Sqlite and Npgsql bind. The prefix is required: without it
/// Microsoft.Data.Sqlite looks every parameter up four times per execution (the bare name, then <c>@</c>, <c>$</c> and
/// <c>:</c> before it), allocating each spelling; on the run writer that was a fifth of all the service's garbage.</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter Add(DbCommand command, string name, object? value)
    {
        RequirePrefix(name);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static DbParameter Add(DbBatchCommand command, string name, object? value)
    {
        RequirePrefix(name);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void RequirePrefix(string name)
    {
        if (name.Length < 2 || name[0] != '@')
        {
            throw new ArgumentException($"A parameter is named as the SQL writes it, '@name'; got '{name}'.", nameof(name));
        }
    }
}
