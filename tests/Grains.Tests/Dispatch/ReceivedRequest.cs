using Microsoft.AspNetCore.Http;

namespace OrleansCron.Tests.Dispatch;

/// <summary>What <see cref="LoopbackServer"/> saw of one request.</summary>
internal sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    DateTimeOffset ArrivedAt)
{
    public static async Task<ReceivedRequest> ReadAsync(HttpRequest request)
    {
        var arrivedAt = TimeProvider.System.GetUtcNow();
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ReceivedRequest(request.Method, request.Path.Value ?? "", headers, body, arrivedAt);
    }
}
