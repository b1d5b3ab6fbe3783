using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Tests.Api;

/// <summary>The real executable starts from an empty directory, creates its database, deploys its workflows and is healthy.</summary>
public sealed class ProcessSmokeTests : IDisposable
{
    private const string SmokeKey = "smoke-key-0123456789abcdef";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orchestrator-smoke-" + Guid.NewGuid().ToString("N"));

    public ProcessSmokeTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "workflows"));
        File.Copy(ApiFactory.Fixture("intake.bpmn"), Path.Combine(_directory, "workflows", "intake.bpmn"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleanup.
        }
    }

    [Fact]
    public async Task The_executable_serves_health_with_its_database_in_the_working_directory()
    {
        // Every setting can be given by environment variable: an API key, and a small body limit.
        await using var service = ServiceProcess.Start(_directory, new Dictionary<string, string>
        {
            ["Security__ApiKeys__0__Name"] = "smoke",
            ["Security__ApiKeys__0__Key"] = SmokeKey,
            ["Security__ApiKeys__0__Roles__0"] = "designer",
            ["Orchestrator__MaxRequestBodyBytes"] = "4096",
        });

        var health = await service.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

        Assert.True(File.Exists(Path.Combine(_directory, "data", "orchestrator.db")), service.Output);
        Assert.Contains($"listening on http://127.0.0.1:{service.Port}", service.Output, StringComparison.Ordinal);
        Assert.Contains("Demo accounts", service.Output, StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SmokeKey);
        var definitions = await client.GetStringAsync("/api/definitions");
        Assert.Contains("\"ApiIntake\"", definitions, StringComparison.Ordinal);

        // A chunked body (no Content-Length) over the limit is stopped by the server: 413 problem details.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("<x>" + new string('a', 16 * 1024) + "</x>")));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var tooLarge = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_directory, "data", "keys")).Any(), "cookie keys are kept in ./data/keys");
    }

    [Fact]
    public async Task After_a_kill_the_executable_restarts_on_the_same_data_and_prints_no_password_again()
    {
        var environment = new Dictionary<string, string>
        {
            ["Security__ApiKeys__0__Name"] = "smoke",
            ["Security__ApiKeys__0__Key"] = SmokeKey,
            ["Security__ApiKeys__0__Roles__0"] = "coordinator",
        };
        string instanceId;
        await using (var first = ServiceProcess.Start(_directory, environment))
        {
            await first.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            Assert.Contains("Demo accounts", first.Output, StringComparison.Ordinal);
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SmokeKey);
            var started = await client.SendAsync(StartWithKey());
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            instanceId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            first.Kill();
        }

        await using var second = ServiceProcess.Start(_directory, environment);
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        Assert.DoesNotContain("Demo accounts", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("password", second.Output, StringComparison.OrdinalIgnoreCase);

        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", SmokeKey);
        var instance = JsonDocument.Parse(await again.GetStringAsync($"/api/instances/{instanceId}")).RootElement;
        Assert.Equal("active", instance.GetProperty("status").GetString());

        // The acknowledged start is remembered across the restart: repeating it replays the answer.
        var replayed = await again.SendAsync(StartWithKey());
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal(instanceId, JsonDocument.Parse(await replayed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        Assert.Equal("true", replayed.Headers.GetValues("Idempotency-Replayed").Single());
    }

    private static HttpRequestMessage StartWithKey()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/processes/ApiIntake/instances")
        {
            Content = new StringContent("""{"businessKey":"SMOKE-1"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "smoke-start-1");
        return request;
    }

    [Fact]
    public async Task A_bad_setting_stops_the_executable_with_exit_code_1_and_the_reason()
    {
        await using var service = ServiceProcess.Start(_directory, new Dictionary<string, string>
        {
            ["Security__ApiKeys__0__Name"] = "short",
            ["Security__ApiKeys__0__Key"] = "too-short",
            ["Security__ApiKeys__0__Roles__0"] = "no-such-role",
        });

        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(1, exitCode);
        Assert.Contains("Security:ApiKeys:0: 'key' must be at least", service.Output, StringComparison.Ordinal);
        Assert.Contains("unknown role 'no-such-role'", service.Output, StringComparison.Ordinal);
    }
}
