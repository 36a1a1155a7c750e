using System.Collections.Frozen;

namespace OrleansCron.Gateway.Contracts;

/// <summary>The pinned wire names of one enum, both ways. Unknown names are refused, never guessed.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class WireEnum<TEnum>
    where TEnum : struct, Enum
{
    private readonly FrozenDictionary<TEnum, string> _toWire;
    private readonly FrozenDictionary<string, TEnum> _fromWire;

    internal WireEnum(params (TEnum Value, string Name)[] names)
    {
        _toWire = names.ToFrozenDictionary(n => n.Value, n => n.Name);
        _fromWire = names.ToFrozenDictionary(n => n.Name, n => n.Value, StringComparer.Ordinal);
        Names = [.. names.Select(n => n.Name)];
        var missing = Enum.GetValues<TEnum>().Where(v => !_toWire.ContainsKey(v)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException($"{typeof(TEnum).Name} has no wire name for {string.Join(", ", missing)}.");
        }
    }

    /// <summary>Every wire name, in declaration order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>What the values are, for error messages.</summary>
    public string Expected => "one of: " + string.Join(", ", Names);

    /// <summary>The wire name of <paramref name="value"/>.</summary>
    public string ToWire(TEnum value) =>
        _toWire.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name} value has no wire name.");

    /// <summary>Reads a wire name (exact, lower case); false for anything else.</summary>
    public bool TryParse(string? name, out TEnum value)
    {
        if (name is not null && _fromWire.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
