using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansCron.Tests.Infrastructure;

/// <summary>Small helpers over the public REST API, speaking its JSON contract directly.</summary>
public static class Api
{
    public static async Task<JsonObject> PostAsync(this HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} -> {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} -> {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Every item of a paginated list, following next_cursor.</summary>
    public static async Task<List<JsonObject>> GetAllAsync(this HttpClient client, string path)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetObjectAsync(cursor is null ? $"{path}{separator}limit=500" : $"{path}{separator}limit=500&cursor={Uri.EscapeDataString(cursor)}");
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return items;
    }

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
