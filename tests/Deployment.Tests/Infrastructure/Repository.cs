using System.Reflection;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>The source tree the deployment files live in (recorded at build time: the tests may run from any output path).</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
