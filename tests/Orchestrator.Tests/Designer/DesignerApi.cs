using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Designer;

/// <summary>Calls of the designer's API as the page makes them (JSON in, JSON out), and the journeys' files.</summary>
internal static class DesignerApi
{
    /// <summary>A client of the service on Kestrel that authenticates with the API key of <paramref name="role"/>.</summary>
    public static HttpClient Client(this Web.WorkspaceFactory service, string role)
    {
        var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", ApiFactory.KeyFor(role));
        return client;
    }

    public static string JourneyXml(string processId) => File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "workflows", processId + ".bpmn"));

    public static JsonObject JourneyScenarios(string processId)
    {
        var result = new JsonObject();
        foreach (var file in Directory.GetFiles(Path.Combine(ApiFactory.RepositoryRoot, "workflows", "scenarios", processId), "*.scenario.json").Order(StringComparer.Ordinal))
        {
            result[Path.GetFileName(file)[..^".scenario.json".Length]] = JsonNode.Parse(File.ReadAllText(file));
        }

        return result;
    }

    public static JsonObject Form(string key) => JsonNode.Parse(File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "workflows", "forms", key + ".form")))!.AsObject();

    /// <summary>The child journey with the reception limit's timer set to a fixed duration instead of the setting.</summary>
    public static string WithReceptionLimit(string xml, string duration)
    {
        const string Setting = "=duration(\"P1D\") * receptionLimitDays";
        Assert.Contains(Setting, xml, StringComparison.Ordinal);
        return xml.Replace(Setting, duration, StringComparison.Ordinal);
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync(path, body);
        return expected >= HttpStatusCode.BadRequest ? await response.AssertProblemAsync(expected) : await response.AssertJsonAsync(expected);
    }

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var response = await client.PutAsJsonAsync(path, body);
        return expected >= HttpStatusCode.BadRequest ? await response.AssertProblemAsync(expected) : await response.AssertJsonAsync(expected);
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        return expected >= HttpStatusCode.BadRequest ? await response.AssertProblemAsync(expected) : await response.AssertJsonAsync(expected);
    }

    public static JsonElement Version(this JsonElement processes, string processId, int version) =>
        processes.EnumerateArray().Single(p => p.GetProperty("processId").GetString() == processId)
            .GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == version);
}
