using System.Net;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>Small HTTP helpers of the end-to-end tests.</summary>
internal static class E2eHttp
{
    /// <summary>A JSON body.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The status and the body (parsed when it is JSON).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonElement body = default;
            if (text.Length > 0 && text.TrimStart() is ['{' or '[', ..])
            {
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON after all: the text says what it is.
                }
            }

            return (response.StatusCode, body, text);
        }
    }

    /// <summary>GET, expecting 200 JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var (status, body, text) = await ReadAsync(await client.GetAsync(path));
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {text}");
        return body;
    }

    /// <summary>The open tasks of an instance (the caller must see them all: coordinator or admin).</summary>
    public static async Task<List<JsonElement>> TasksOfAsync(HttpClient client, string instanceId) =>
        [.. (await GetJsonAsync(client, $"/api/tasks?instanceId={Uri.EscapeDataString(instanceId)}")).EnumerateArray()];

    /// <summary>The history of an instance without the audit entries that reading adds.</summary>
    public static async Task<List<JsonElement>> HistoryOfAsync(HttpClient client, string instanceId) =>
        [.. (await GetJsonAsync(client, $"/api/instances/{Uri.EscapeDataString(instanceId)}/history")).EnumerateArray()
            .Where(h => h.GetProperty("type").GetString() is not ("InstanceRead" or "HistoryRead"))];

    /// <summary>Runs <paramref name="body"/> for every item with at most <paramref name="parallelism"/> at once.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> body) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await body(item));

    /// <summary>Polls <paramref name="condition"/> every <paramref name="every"/> until it holds or the time is up.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan every)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(every);
        }
    }
}
