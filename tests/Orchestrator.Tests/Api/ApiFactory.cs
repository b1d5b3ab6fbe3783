using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting;
using Orchestrator.Security;

namespace Orchestrator.Tests.Api;

/// <summary>
/// The real service in memory (<see cref="WebApplicationFactory{TEntryPoint}"/> over Program), on its own SQLite
/// database in a temporary folder, with <c>Fixtures/intake.bpmn</c> deployed at start-up and one API key per role.
/// One per test class (xunit class fixture): no state is shared between classes.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "orchestrator-api-" + Guid.NewGuid().ToString("N"));

    public ApiFactory()
    {
        Directory.CreateDirectory(WorkflowsDirectory);
        File.Copy(Fixture("intake.bpmn"), Path.Combine(WorkflowsDirectory, "intake.bpmn"));
        File.Copy(Fixture("reviewed.bpmn"), Path.Combine(WorkflowsDirectory, "reviewed.bpmn"));
        Directory.CreateDirectory(Path.Combine(WorkflowsDirectory, "forms"));
        File.Copy(Fixture(Path.Combine("forms", "review.form")), Path.Combine(WorkflowsDirectory, "forms", "review.form"));
    }

    /// <summary>The deployed-at-start-up folder.</summary>
    public string WorkflowsDirectory => Path.Combine(_root, "workflows");

    /// <summary>The SQLite file.</summary>
    public string DatabaseFile => Path.Combine(_root, "orchestrator.db");

    /// <summary>What the service printed for a person (URL, demo accounts).</summary>
    public StringWriter ConsoleOutput { get; } = new();

    /// <summary>The secret of the API key configured as <c>sha256:HEX</c>.</summary>
    public const string HashedKey = "a-secret-only-its-hash-is-configured";

    /// <summary>The request-body limit the tests run with.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>The API key of a program with exactly <paramref name="role"/>.</summary>
    public static string KeyFor(string role) => $"test-key-{role}-0123456789abcdef";

    /// <summary>A fixture file beside the tests (read from the source tree, so the project file needs no copy rule).</summary>
    public static string Fixture(string name) => Path.Combine(RepositoryRoot, "tests", "Orchestrator.Tests", "Api", "Fixtures", name);

    /// <summary>The repository root (the folder holding Orchestrator.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Settings added by a subclass.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Orchestrator", $"Data Source={DatabaseFile}");
        builder.UseSetting("Orchestrator:WorkflowsPath", WorkflowsDirectory);
        builder.UseSetting("Orchestrator:DataProtectionKeysPath", Path.Combine(_root, "keys"));
        builder.UseSetting("Notifications:MailDirectory", Path.Combine(_root, "mail")); // the outbox's .eml files, not into the source tree
        builder.UseSetting("Orchestrator:MaxRequestBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Security:SeedDemoAccounts", "false");

        for (var i = 0; i < Roles.All.Count; i++)
        {
            builder.UseSetting($"Security:ApiKeys:{i}:Name", $"{Roles.All[i]}-bot");
            builder.UseSetting($"Security:ApiKeys:{i}:Key", KeyFor(Roles.All[i]));
            builder.UseSetting($"Security:ApiKeys:{i}:Roles:0", Roles.All[i]);
        }

        // One key configured by its SHA-256 only (the configuration need not hold the secret).
        var hashed = Roles.All.Count;
        builder.UseSetting($"Security:ApiKeys:{hashed}:Name", "hashed-bot");
        builder.UseSetting($"Security:ApiKeys:{hashed}:Key", "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(HashedKey))));
        builder.UseSetting($"Security:ApiKeys:{hashed}:Roles:0", Roles.Admin);

        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton(new StartupConsole(ConsoleOutput)));
    }

    /// <summary>A client that authenticates as the API key of <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", KeyFor(role));
        return client;
    }

    /// <summary>A client with no credentials (cookies kept, no redirects followed).</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a person with one role.</summary>
    public async Task CreateUserAsync(string userName, string role, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = userName, Email = $"{userName}@test.invalid" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>Signs a cookie client in and returns the anti-forgery token for its posts.</summary>
    public static async Task<string> SignInAsync(HttpClient client, string userName, string password)
    {
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = JsonContent.Create(new { userName, password }),
        };
        login.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, await AntiforgeryTokenAsync(client));
        var response = await client.SendAsync(login);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await AntiforgeryTokenAsync(client);
    }

    /// <summary>GET /account/antiforgery.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var token = await client.GetFromJsonAsync<AccountEndpoints.AntiforgeryResponse>("/account/antiforgery");
        return token!.Token;
    }

    /// <summary>A BPMN body.</summary>
    public static StringContent Xml(string xml, string mediaType = "application/xml") => new(xml, Encoding.UTF8, mediaType);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            ConsoleOutput.Dispose();
            SqliteConnection.ClearAllPools();

            // Hangfire's workers and server processes each held a pooled PostgreSQL connection (about 17 a service);
            // left idle in the pool they would count against the test server's max_connections for minutes.
            Npgsql.NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temp folder is cleaned by the system.
            }
        }
    }
}
