using YamlDotNet.RepresentationModel;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>docker-compose.yml, parsed.</summary>
internal sealed class ComposeFile(YamlMappingNode root)
{
    public const string RelativePath = "docker-compose.yml";

    public static ComposeFile Load() => new(Yaml.Parse(Repository.Read(RelativePath)));

    public YamlMappingNode Root { get; } = root;

    public IReadOnlyDictionary<string, YamlNode> Services => Root.Entries("services");

    /// <summary>Services built from a Dockerfile of this repository, by name.</summary>
    public IReadOnlyDictionary<string, YamlNode> BuiltServices =>
        Services.Where(s => s.Value.Get("build") is not null).ToDictionary(s => s.Key, s => s.Value);

    /// <summary>Image name to the Dockerfile that builds it (relative to the repository root).</summary>
    public IReadOnlyDictionary<string, string> ImageDockerfiles =>
        BuiltServices.Select(s => (Image: s.Value.Text("image"), Dockerfile: DockerfileOf(s.Value)))
            .Where(p => p.Image is not null)
            .DistinctBy(p => p.Image)
            .ToDictionary(p => p.Image!, p => p.Dockerfile);

    public static string DockerfileOf(YamlNode service)
    {
        var context = service.Text("build", "context") ?? service.Text("build") ?? ".";
        return Path.GetRelativePath(Repository.Root, Path.GetFullPath(Path.Combine(Repository.Root, context, service.Text("build", "dockerfile") ?? "Dockerfile")));
    }

    public static IReadOnlyList<EnvironmentVariable> EnvironmentOf(string name, YamlNode service)
    {
        var source = $"{RelativePath} {name}";
        var list = service.Items("environment").OfType<YamlScalarNode>().Select(i => i.Value!.Split('=', 2))
            .Select(p => new EnvironmentVariable(source, p[0], p.Length > 1 ? p[1] : null));
        var map = service.Strings("environment").Select(e => new EnvironmentVariable(source, e.Key, e.Value));
        return [.. list, .. map];
    }

    /// <summary>Container ports a service declares (expose, and the container side of ports).</summary>
    public static IReadOnlyList<int> PortsOf(YamlNode service) =>
        [.. service.Items("expose").Concat(service.Items("ports")).OfType<YamlScalarNode>()
            .Select(p => int.Parse(p.Value!.Split(':')[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))];
}
