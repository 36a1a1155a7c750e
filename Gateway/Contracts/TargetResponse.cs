using OrleansCron.Targets;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A stored target. Secret header values read as "********".</summary>
public sealed record TargetResponse(
    string Id,
    string Name,
    string Url,
    string Method,
    IReadOnlyDictionary<string, string> Headers,
    string? BodyTemplate,
    int TimeoutSeconds,
    IReadOnlyList<int> SuccessStatusCodes,
    IReadOnlyList<string> Tags,
    string Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int ScheduleCount,
    string? OwnerScheduleId)
{
    internal static TargetResponse From(TargetView view)
    {
        var spec = view.Spec;

        // The grain masks already; masking again here means no code path can ever echo a secret.
        var headers = spec.Headers.ToDictionary(
            h => h.Key,
            h => SecretHeaders.IsSecret(h.Key) ? SecretHeaders.Mask : h.Value,
            StringComparer.OrdinalIgnoreCase);
        return new(
            view.Id,
            spec.Name,
            spec.Url,
            spec.Method,
            headers,
            spec.BodyTemplate,
            spec.TimeoutSeconds,
            spec.SuccessStatusCodes.IsDefault ? [] : spec.SuccessStatusCodes,
            spec.Tags.IsDefault ? [] : spec.Tags,
            spec.Owner,
            view.CreatedAt,
            view.UpdatedAt,
            view.ScheduleCount,
            view.OwnerScheduleId);
    }
}
