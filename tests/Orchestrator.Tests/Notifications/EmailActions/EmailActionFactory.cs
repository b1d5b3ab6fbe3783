using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// The real service (<see cref="ApiFactory"/>) with the email-action fixtures deployed, the repository's templates, a
/// virtual clock, and SQLite or a fresh PostgreSQL database. <see cref="Listening"/> runs it on Kestrel on a loopback
/// port (for the browser), so the links in the emails are real URLs.
/// </summary>
public sealed partial class EmailActionFactory : ApiFactory
{
    private readonly Dictionary<string, string> _settings;

    private EmailActionFactory(Dictionary<string, string> settings, int? port)
    {
        _settings = settings;
        Port = port;
        foreach (var file in new[] { "outside-approval.bpmn", "outside-form.bpmn", "outside-form-en.bpmn" })
        {
            File.Copy(Path.Combine(FixtureDirectory, file), Path.Combine(WorkflowsDirectory, file));
        }

        File.Copy(Path.Combine(FixtureDirectory, "forms", "consulate-answer.form"), Path.Combine(WorkflowsDirectory, "forms", "consulate-answer.form"));
        if (port is not null)
        {
            UseKestrel();
        }
    }

    /// <summary>The fixtures beside these tests (read from the source tree).</summary>
    public static string FixtureDirectory => Path.Combine(RepositoryRoot, "tests", "Orchestrator.Tests", "Notifications", "EmailActions", "Fixtures");

    /// <summary>The consulate's address the fixture processes send their links to.</summary>
    public const string ConsulateEmail = "consul@consulado.example";

    /// <summary>
    /// The virtual clock of the service: starts at the real now (so cookies and keys behave as in life), in whole
    /// seconds (PostgreSQL keeps microseconds, .NET ticks are finer).
    /// </summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    /// <summary>The Kestrel port, when listening.</summary>
    public int? Port { get; }

    /// <summary>The service's address as the links show it.</summary>
    public string PublicBaseUrl => Port is { } p ? $"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}" : "http://localhost";

    /// <summary>The service in memory (TestServer) on SQLite, or on a new database of <paramref name="postgres"/>.</summary>
    /// <param name="postgres">The PostgreSQL server; <c>null</c>: SQLite.</param>
    /// <param name="rateLimit">Requests per window to /act per client.</param>
    /// <param name="extraSettings">More settings (e.g. <c>Smtp:Host</c> of a MailDev server).</param>
    public static async Task<EmailActionFactory> CreateAsync(PostgresServer? postgres, int rateLimit = 10_000, IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Notifications:EmailActionRateLimit"] = rateLimit.ToString(CultureInfo.InvariantCulture),
            ["Notifications:EmailActionRateWindow"] = "01:00:00",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        if (postgres is not null)
        {
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Orchestrator"] = await postgres.CreateDatabaseAsync("emailactions");
        }

        var factory = new EmailActionFactory(settings, port: null);
        _ = factory.Server; // start now: migrations and deployment happen here, not inside the first request
        return factory;
    }

    /// <summary>The service on Kestrel, listening on a free loopback port, on SQLite.</summary>
    public static EmailActionFactory Listening()
    {
        var port = FreePort();
        var factory = new EmailActionFactory(new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        }, port);
        factory.StartServer();
        return factory;
    }

    protected override IReadOnlyDictionary<string, string> ExtraSettings
    {
        get
        {
            // Mail goes to a closed port unless a test names a server (MailDev): the rows stay pending, so these tests
            // can read each link from its outbox row (once sent, the stored copy of an email-action link is redacted).
            var all = new Dictionary<string, string>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = "1",
            };
            foreach (var (key, value) in _settings)
            {
                all[key] = value;
            }

            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["Orchestrator:PublicBaseUrl"] = PublicBaseUrl,
                ["Notifications:TemplatesPath"] = Path.Combine(RepositoryRoot, "templates"),
                ["Organisation:Name"] = "DIF Tests", // the pages' organisation (the layout's header and "contact …")
            })
            {
                all[key] = value;
            }

            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client of the running service (TestServer or Kestrel) without credentials, keeping cookies like a browser.</summary>
    public HttpClient Browser() => OnServer(Anonymous());

    /// <summary>A client authenticated as <paramref name="role"/>'s API key, of the running service (TestServer or Kestrel).</summary>
    public HttpClient Program(string role) => OnServer(ClientAs(role));

    /// <summary>Points a factory client at the Kestrel address when listening (the factory's clients default to http://localhost).</summary>
    private HttpClient OnServer(HttpClient client)
    {
        if (Port is not null)
        {
            client.BaseAddress = new Uri(PublicBaseUrl);
        }

        return client;
    }

    /// <summary>Starts a process as a program would (API key of a social worker); returns the instance id.</summary>
    public async Task<string> StartAsync(string processId, string businessKey, JsonObject variables)
    {
        using var client = Program(Roles.SocialWorker);
        var response = await client.PostAsync($"/api/processes/{processId}/instances",
            new StringContent(new JsonObject { ["businessKey"] = businessKey, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"start {processId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The staged emails (outbox rows of kind email), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEmailPayload>> EmailsAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind).ToListAsync();
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(EmailOutbox.ReadPayload)];
    }

    /// <summary>The link of the one email-action email of <paramref name="instanceId"/>, read from the email's text part.</summary>
    public async Task<Uri> LinkOfAsync(string instanceId)
    {
        var email = Assert.Single(await EmailsAsync(), e => e.InstanceId == instanceId && e.Template == "email-action");
        return LinkIn(email.Text);
    }

    /// <summary>The email-action link in an email's text (what a person would click).</summary>
    public static Uri LinkIn(string text) => new(Assert.Single(ActLink().Matches(text)).Value);

    /// <summary>Everything a GET must not change, as one comparable text: the instance, its tasks, the links, the outbox, the history.</summary>
    public async Task<string> SnapshotAsync(string instanceId)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var text = new StringBuilder();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
        text.AppendLine($"instance {instance.Status} v{instance.RowVersion} {instance.UpdatedAt:O} {instance.State}");
        foreach (var t in await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync())
        {
            text.AppendLine($"task {t.Id} {t.ElementId} {t.Status} {t.EndedBy} {t.EndedAt:O}");
        }

        foreach (var k in await db.EmailActionTokens.AsNoTracking().OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync())
        {
            text.AppendLine($"token {k.Id} {k.TokenHash} {k.TaskId} {k.Recipient} {k.ExpiresAt:O} {k.UsedAt:O} {k.UsedOutcome} {k.ExpiredNotifiedAt:O}");
        }

        text.AppendLine($"outbox {await db.Outbox.CountAsync()}");
        text.AppendLine($"history {await db.History.CountAsync()}");
        return text.ToString();
    }

    /// <summary>The link rows.</summary>
    public async Task<IReadOnlyList<EmailActionTokenRecord>> TokensAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.EmailActionTokens.AsNoTracking().ToListAsync();
    }

    /// <summary>The instance as the API shows it.</summary>
    public async Task<JsonObject> InstanceAsync(string instanceId)
    {
        using var client = Program(Roles.Coordinator);
        var response = await client.GetAsync($"/api/instances/{instanceId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The elements waiting in an instance.</summary>
    public async Task<string[]> ActiveAsync(string instanceId) =>
        [.. (await InstanceAsync(instanceId))["active"]!.AsArray().Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/act/[A-Za-z0-9_\-]+")]
    private static partial Regex ActLink();
}

/// <summary>What the tests do with the pages as a browser would: read the anti-forgery field, post the page's form.</summary>
internal static partial class ActPage
{
    /// <summary>GET a link's page.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> OpenAsync(HttpClient client, Uri link)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        request.Headers.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The anti-forgery field the page embeds.</summary>
    public static KeyValuePair<string, string> Antiforgery(string html)
    {
        var match = HiddenToken().Match(html);
        Assert.True(match.Success, "the page has no anti-forgery field: " + html);
        return new(WebUtility.HtmlDecode(match.Groups["name"].Value), WebUtility.HtmlDecode(match.Groups["value"].Value));
    }

    /// <summary>POST the page's form with <paramref name="fields"/> and the anti-forgery field of <paramref name="pageHtml"/>.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, Uri link, string? pageHtml, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (pageHtml is not null)
        {
            form.Add(Antiforgery(pageHtml));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, link.PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A script block's JSON (<c>form-schema</c>, <c>form-data</c>).</summary>
    public static JsonNode Json(string html, string id)
    {
        var match = Regex.Match(html, $"<script type=\"application/json\" id=\"{id}\">(?<json>.*?)</script>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {id} block in the page");
        return JsonNode.Parse(match.Groups["json"].Value)!;
    }

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>__RequestVerificationToken[^""]*)"" value=""(?<value>[^""]+)"">")]
    private static partial Regex HiddenToken();
}
