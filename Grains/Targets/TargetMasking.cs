using System.Collections.Immutable;

namespace OrleansCron.Targets;

/// <summary>Replaces secret header values with the mask, for every view that leaves the grain.</summary>
internal static class TargetMasking
{
    public static TargetSpec Mask(TargetSpec spec)
    {
        if (!spec.Headers.Keys.Any(SecretHeaders.IsSecret))
        {
            return spec;
        }

        var masked = spec.Headers.ToImmutableDictionary(
            h => h.Key,
            h => SecretHeaders.IsSecret(h.Key) ? SecretHeaders.Mask : h.Value,
            spec.Headers.KeyComparer);
        return spec with { Headers = masked };
    }
}
