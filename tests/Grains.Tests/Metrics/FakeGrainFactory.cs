using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansCron.Tests.Metrics;

/// <summary>An <see cref="IGrainFactory"/> whose string-keyed GetGrain hands out one <see cref="FakeMetricsGrain"/> per
/// key; every other member throws. A proxy, because IGrainFactory has far more members than the aggregator uses.</summary>
public class FakeGrainFactory : DispatchProxy
{
    private readonly ConcurrentDictionary<string, FakeMetricsGrain> _grains = new(StringComparer.Ordinal);

    public static (IGrainFactory Factory, FakeGrainFactory Fake) Create()
    {
        var factory = Create<IGrainFactory, FakeGrainFactory>();
        return (factory, (FakeGrainFactory)(object)factory);
    }

    public FakeMetricsGrain Grain(string key) => _grains.GetOrAdd(key, _ => new FakeMetricsGrain());

    public IReadOnlyCollection<string> Keys => [.. _grains.Keys];

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod is { Name: nameof(IGrainFactory.GetGrain) } && args is [string key, ..]
            ? Grain(key)
            : throw new NotSupportedException(targetMethod?.Name);
}
