using System.Globalization;

namespace OrleansCron.Bench;

/// <summary>The command line: a scenario number, then <c>--name value</c> pairs and <c>--flag</c>s.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public BenchArguments(IReadOnlyList<string> args)
    {
        Scenario = args.Count > 0 ? args[0] : "";
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, got '{args[i]}'.");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            if (!_values.TryGetValue(name, out var list))
            {
                _values[name] = list = [];
            }

            list.Add(value);
        }
    }

    public string Scenario { get; }

    /// <summary>Whether <c>--small</c> was given: the quick version of the scenario.</summary>
    public bool Small => Flag("small");

    public bool Flag(string name) => Get(name) is { } value && bool.Parse(value);

    public int Int(string name, int full, int small) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : Small ? small : full;

    public double Double(string name, double full, double small) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : Small ? small : full;

    public TimeSpan Seconds(string name, double full, double small) => TimeSpan.FromSeconds(Double(name, full, small));

    public string? Get(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var list) ? list[^1] : null;
    }

    public IReadOnlyList<string> All(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>Options given but never read: typos, refused rather than silently ignored.</summary>
    public IEnumerable<string> Unused => _values.Keys.Where(k => !_used.Contains(k));
}
