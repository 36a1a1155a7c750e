using System.Net;

namespace OrleansCron.Bench.Api;

/// <summary>The service answered a call with an error status: a finding, not a transport hiccup.</summary>
public sealed class ApiRefusedException(HttpMethod method, string path, HttpStatusCode status, string body)
    : InvalidOperationException($"{method} {path} -> {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>The call without the response body, for a one-line report.</summary>
    public string Call { get; } = $"{method} {path} -> {(int)status}";
}
