using System.Net;
using System.Text;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Web;

namespace Orchestrator.Tests.Tasks;

/// <summary>The event stream as a signed-in browser reads it, on the real service (Kestrel, SQLite, one node).</summary>
public sealed class TaskEventStreamTests : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task The_stream_tells_a_person_of_their_groups_task_being_claimed_and_never_renews_their_session()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "sofia", "Sofía Campos", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "luis", "Luis Jurídico", Roles.Lawyer);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0201");

        using var sara = Client(out _);
        await ApiFactory.SignInAsync(sara, "sara", WorkspaceFactory.Password);
        using var luis = Client(out _);
        await ApiFactory.SignInAsync(luis, "luis", WorkspaceFactory.Password);
        using var sofia = Client(out _);
        var token = await ApiFactory.SignInAsync(sofia, "sofia", WorkspaceFactory.Password);

        // Twenty minutes later (past half of the 30-minute idle time, when a request would renew the cookie).
        _service.Clock.Advance(TimeSpan.FromMinutes(20));
        using var saraEvents = await sara.GetAsync("/api/tasks/events", HttpCompletionOption.ResponseHeadersRead);
        using var luisEvents = await luis.GetAsync("/api/tasks/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, saraEvents.StatusCode);
        Assert.Equal("text/event-stream", saraEvents.Content.Headers.ContentType?.MediaType);
        Assert.False(saraEvents.Headers.Contains("Set-Cookie"), "the event stream must not renew the session");
        using var saraLines = new StreamReader(await saraEvents.Content.ReadAsStreamAsync(), Encoding.UTF8);
        using var luisLines = new StreamReader(await luisEvents.Content.ReadAsStreamAsync(), Encoding.UTF8);
        Assert.Equal("retry: 3000", await saraLines.ReadLineAsync());

        using (var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{taskId}/claim"))
        {
            claim.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, token);
            var claimed = await sofia.SendAsync(claim);
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
            Assert.True(claimed.Headers.Contains("Set-Cookie"), "a request the person makes renews the session");
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? data = null;
        while (data is null)
        {
            var line = await saraLines.ReadLineAsync(wait.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line == "event: task")
            {
                data = await saraLines.ReadLineAsync(wait.Token);
            }
        }

        Assert.Equal($"data: {{\"id\":\"{taskId}\",\"change\":\"assigned\"}}", data);

        // The lawyer's stream was told nothing about a social workers' task (only its keep-alive comments, at most).
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var lawyerSaw = new List<string>();
        try
        {
            while (await luisLines.ReadLineAsync(quiet.Token) is { } line)
            {
                lawyerSaw.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.DoesNotContain(lawyerSaw, l => l.Contains(taskId, StringComparison.Ordinal));
    }

    private HttpClient Client(out System.Net.CookieContainer cookies)
    {
        cookies = new System.Net.CookieContainer();
#pragma warning disable CA2000 // The client owns and disposes the handler.
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = new Uri(_service.BaseUrl) };
#pragma warning restore CA2000
    }

    public void Dispose() => _service.Dispose();
}
