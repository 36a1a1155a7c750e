namespace OrleansCron.Gateway.Contracts;

/// <summary>A short, bounded list that is not paged.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
