namespace OrleansCron.Silo.Storage;

/// <summary>One versioned schema script, applied once, in a transaction.</summary>
/// <param name="Version">The script's number (from its file name, <c>NNNN_name.sql</c>).</param>
/// <param name="Name">The rest of the file name.</param>
/// <param name="Sql">The script text.</param>
internal sealed record MigrationScript(int Version, string Name, string Sql);
