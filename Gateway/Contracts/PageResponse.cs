namespace OrleansCron.Gateway.Contracts;

/// <summary>A page of a list; pass <paramref name="NextCursor"/> as <c>cursor</c> for the next one (null on the last page).</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
