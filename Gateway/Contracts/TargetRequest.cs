using System.Text.Json.Serialization;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A target as clients send it (POST, PUT, and the merged result of a PATCH). Absent fields take their defaults.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TargetRequest
{
    /// <summary>Fields a client may send back from a GET: ignored by PUT, refused by POST and PATCH.</summary>
    internal static readonly string[] ReadOnlyFields = ["id", "created_at", "updated_at", "schedule_count", "owner_schedule_id"];

    /// <summary>A human name; defaults to the URL's host.</summary>
    public string? Name { get; init; }

    /// <summary>Absolute http or https URL (required).</summary>
    public string? Url { get; init; }

    /// <summary>GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS; defaults to GET.</summary>
    public string? Method { get; init; }

    /// <summary>Request headers. Values of secret headers (names containing auth, token, secret, key, password, cookie or signature) come back as "********"; sending that mask back keeps the stored value.</summary>
    public Dictionary<string, string?>? Headers { get; init; }

    /// <summary>Request body; may use {{schedule_id}}, {{run_id}}, {{occurrence}}, {{scheduled_at}}, {{scheduled_at_unix}} and {{attempt}}.</summary>
    public string? BodyTemplate { get; init; }

    /// <summary>Per-attempt timeout, 1 to 600 seconds; defaults to 30.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Status codes (100 to 599) that count as success; defaults to any 2xx.</summary>
    public int[]? SuccessStatusCodes { get; init; }

    /// <summary>Free-form labels for filtering.</summary>
    public string[]? Tags { get; init; }

    /// <summary>Who owns the target; defaults to "default".</summary>
    public string? Owner { get; init; }

    /// <summary>A stored target in request shape (secret values stay masked), the base a PATCH is merged onto.</summary>
    internal static TargetRequest From(TargetSpec spec) => new()
    {
        Name = spec.Name,
        Url = spec.Url,
        Method = spec.Method,
        Headers = spec.Headers.ToDictionary(
            h => h.Key,
            h => (string?)(SecretHeaders.IsSecret(h.Key) ? SecretHeaders.Mask : h.Value),
            StringComparer.OrdinalIgnoreCase),
        BodyTemplate = spec.BodyTemplate,
        TimeoutSeconds = spec.TimeoutSeconds,
        SuccessStatusCodes = spec.SuccessStatusCodes.IsDefaultOrEmpty ? null : [.. spec.SuccessStatusCodes],
        Tags = spec.Tags.IsDefaultOrEmpty ? null : [.. spec.Tags],
        Owner = spec.Owner,
    };
}
