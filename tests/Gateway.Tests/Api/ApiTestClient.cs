using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansCron.Tests.Api;

/// <summary>Request and assertion helpers for raw-JSON API tests (tests send text, so they can send malformed JSON).</summary>
internal static class ApiTestClient
{
    public const string ValidTarget = """{"name":"ping","url":"https://example.com/hook","method":"POST"}""";

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, string json, string mediaType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, mediaType) });

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.SendJsonAsync(HttpMethod.Post, url, json);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with <paramref name="status"/> whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}', got {errors}");
        }

        return problem;
    }

    public static async Task<string> CreateTargetAsync(this HttpClient client, string json = ValidTarget)
    {
        var created = await (await client.PostJsonAsync("/api/v1/targets", json)).ExpectAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> CreateScheduleAsync(this HttpClient client, string targetId, string fields = "\"schedule_type\":\"interval\",\"interval_seconds\":60")
    {
        var response = await client.PostJsonAsync("/api/v1/schedules", $$"""{"target_id":"{{targetId}}",{{fields}}}""");
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<string> SnapshotAsync(this HttpClient client) =>
        await client.GetStringAsync("/api/v1/targets?limit=500") + await client.GetStringAsync("/api/v1/schedules?limit=500");

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json) =>
        client.SendJsonAsync(HttpMethod.Patch, url, json, "application/merge-patch+json");

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json) =>
        client.SendJsonAsync(HttpMethod.Put, url, json);

    public static Task<HttpResponseMessage> PostEmptyAsync(this HttpClient client, string url) => client.PostAsync(url, content: null);
}
