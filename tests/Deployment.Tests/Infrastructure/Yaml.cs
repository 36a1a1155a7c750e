using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>YAML documents as node trees, with merge keys (<c>&lt;&lt;: *anchor</c>) resolved as Compose resolves them.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> ParseDocuments(string text)
    {
        using var reader = new StringReader(text);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return [.. stream.Documents.Select(d => d.RootNode).Cast<YamlMappingNode>()];
    }

    public static YamlMappingNode Parse(string text) => ParseDocuments(text).Single();

    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    public static IReadOnlyDictionary<string, YamlNode> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode map
            ? map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value, StringComparer.Ordinal)
            : new Dictionary<string, YamlNode>();

    /// <summary>A mapping of scalars (labels, selectors, ConfigMap data) as strings.</summary>
    public static IReadOnlyDictionary<string, string> Strings(this YamlNode? node, params string[] path) =>
        node.Entries(path).ToDictionary(e => e.Key, e => (e.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal);
}
