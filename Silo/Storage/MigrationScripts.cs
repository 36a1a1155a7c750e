using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansCron.Silo.Storage;

/// <summary>Reads the embedded scripts of one engine (<c>Storage/Sql/&lt;Engine&gt;/NNNN_name.sql</c>), in version order.</summary>
internal static partial class MigrationScripts
{
    private const string ResourcePrefix = "OrleansCron.Silo.Storage.Sql.";

    public static ImmutableArray<MigrationScript> Load(string engine)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = ResourcePrefix + engine + ".";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            // MSBuild prefixes a resource name part that starts with a digit with '_'.
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Migration script '{resource}' cannot be read.");
            using var reader = new StreamReader(stream);
            var version = int.Parse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            scripts.Add(new MigrationScript(version, match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var ordered = scripts.OrderBy(s => s.Version).ToImmutableArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new InvalidOperationException($"Two {engine} migration scripts have version {ordered[i].Version}.");
            }
        }

        return ordered;
    }

    [GeneratedRegex(@"^_?(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
