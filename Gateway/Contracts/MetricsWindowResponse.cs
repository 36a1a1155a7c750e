using System.Collections.Immutable;
using OrleansCron.Metrics;

namespace OrleansCron.Gateway.Contracts;

/// <summary>Aggregates over one window. Every status and error class is present, zero when none happened, so clients see a fixed shape.</summary>
public sealed record MetricsWindowResponse(
    IReadOnlyDictionary<string, long> Runs,
    IReadOnlyDictionary<string, long> Attempts,
    double? SuccessRate,
    LatencyResponse Latency)
{
    internal static MetricsWindowResponse From(MetricsWindow window) =>
        new(
            Count(WireNames.RunStatuses, window.Runs),
            Count(WireNames.ErrorClasses, window.Attempts),
            window.SuccessRate,
            LatencyResponse.From(window.Latency));

    private static Dictionary<string, long> Count<TEnum>(WireEnum<TEnum> names, ImmutableDictionary<TEnum, long>? counts)
        where TEnum : struct, Enum
    {
        var result = names.Names.ToDictionary(name => name, _ => 0L, StringComparer.Ordinal);
        foreach (var (value, count) in counts ?? ImmutableDictionary<TEnum, long>.Empty)
        {
            result[names.ToWire(value)] = count;
        }

        return result;
    }
}
