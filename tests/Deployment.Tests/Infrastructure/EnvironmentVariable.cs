namespace OrleansCron.Tests.Deployment.Infrastructure;

/// <summary>A variable a manifest sets; <paramref name="Value"/> is null when it comes from elsewhere (a Secret, the pod's IP).</summary>
internal sealed record EnvironmentVariable(string Source, string Name, string? Value);
