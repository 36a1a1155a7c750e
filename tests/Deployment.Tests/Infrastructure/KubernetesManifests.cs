using YamlDotNet.RepresentationModel;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>Every object in k8s/*.yaml, with the file it came from.</summary>
internal sealed class KubernetesManifests(IReadOnlyList<(string File, YamlMappingNode Object)> objects)
{
    public const string Directory = "k8s";

    public static KubernetesManifests Load() =>
        new([.. System.IO.Directory.GetFiles(Repository.PathOf(Directory), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => Yaml.ParseDocuments(File.ReadAllText(f)).Select(o => (Path.GetFileName(f), o)))]);

    public IReadOnlyList<(string File, YamlMappingNode Object)> Objects { get; } = objects;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Select(o => o.Object).Where(o => o.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) => OfKind(kind).Single(o => o.Text("metadata", "name") == name);

    public static IEnumerable<YamlNode> Containers(YamlNode workload) => workload.Items("spec", "template", "spec", "containers");

    /// <summary>The variables a container gets: env entries, and every key of the ConfigMaps it takes with envFrom.</summary>
    public IReadOnlyList<EnvironmentVariable> EnvironmentOf(string workload, YamlNode container)
    {
        var source = $"{Directory}/{workload}";
        var direct = container.Items("env").Select(e => new EnvironmentVariable(source, e.Text("name")!, e.Text("value")));
        var fromMaps = container.Items("envFrom").Select(e => e.Text("configMapRef", "name")).OfType<string>()
            .SelectMany(map => Single("ConfigMap", map).Strings("data").Select(d => new EnvironmentVariable($"{source} (ConfigMap {map})", d.Key, d.Value)));
        return [.. direct, .. fromMaps];
    }

    /// <summary>A probe's or Service's port: a number, or the name of one of the container's ports.</summary>
    public static int ResolvePort(YamlNode container, string port) =>
        int.TryParse(port, out var number)
            ? number
            : int.Parse(container.Items("ports").Single(p => p.Text("name") == port).Text("containerPort")!, System.Globalization.CultureInfo.InvariantCulture);
}
