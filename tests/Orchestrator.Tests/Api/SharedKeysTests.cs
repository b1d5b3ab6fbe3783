using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Api;

/// <summary>
/// Two service nodes on one PostgreSQL database share the data-protection keys (table <c>data_protection_keys</c>):
/// a person signed in on one node is signed in on the other, and what one node seals (an email-action link, an
/// anti-forgery token) the other opens. On one node with SQLite the keys stay in the configured folder.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class SharedKeysTests(PostgresServer server) : IAsyncLifetime
{
    private const string Password = "A-long-enough-passphrase-1";
    private TestDatabase? _database;

    public async Task InitializeAsync() => _database = await TestDatabase.CreatePostgresAsync(server, nameof(SharedKeysTests));

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_cookie_and_a_sealed_value_from_one_node_are_accepted_by_the_other()
    {
        using var nodeA = new PostgresNode(_database!.ConnectionString);
        using var nodeB = new PostgresNode(_database.ConnectionString);
        var cookies = new System.Net.CookieContainer();
        using var onA = nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));

        await nodeA.CreateUserAsync("nora", Roles.SocialWorker, Password);
        var antiforgery = await ApiFactory.SignInAsync(onA, "nora", Password);

        // The sign-in cookie node A wrote, read by node B.
        var me = await (await onB.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("nora", me.GetProperty("userName").GetString());

        // Node A's anti-forgery token passes node B's check (sign out is a cookie post).
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = JsonContent.Create(new { }) };
        logout.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, antiforgery);
        Assert.True((await onB.SendAsync(logout)).IsSuccessStatusCode);

        // What one node seals (email-action links use the same provider) the other opens.
        var sealedOnA = nodeA.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("shared-keys-test").Protect("CA-2026-0001");
        Assert.Equal("CA-2026-0001", nodeB.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("shared-keys-test").Unprotect(sealedOnA));

        await using var db = _database.CreateContext();
        Assert.NotEmpty(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.False(Directory.Exists(nodeA.KeysFolder), "on PostgreSQL no key is written to the folder");
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_both_start_and_share_one_key()
    {
        // Two real service processes (one process cannot build two hosts at the same moment). Before the start-up work
        // ran under the start-up lock, one of them stopped on the roles the other had just created. (That each would
        // make a key of its own was not reproduced here; the first key is made under the same lock all the same.)
        var root = Path.Combine(Path.GetTempPath(), "orchestrator-keys-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Orchestrator"] = _database!.ConnectionString,
            ["Security__SeedDemoAccounts"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        try
        {
            await using var nodeA = ServiceProcess.Start(root, environment);
            await using var nodeB = ServiceProcess.Start(root, environment);
            await Task.WhenAll(nodeA.WaitHealthyAsync(TimeSpan.FromSeconds(90)), nodeB.WaitHealthyAsync(TimeSpan.FromSeconds(90)));

            await using var db = _database.CreateContext();
            Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public async Task With_a_certificate_configured_the_stored_keys_are_encrypted_and_both_nodes_still_share_them()
    {
        var pfx = Path.Combine(Path.GetTempPath(), "orchestrator-keys-" + Guid.NewGuid().ToString("N")[..8] + ".pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Orchestrator data protection (test)", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        }

        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Orchestrator:DataProtectionCertificatePath"] = pfx,
                ["Orchestrator:DataProtectionCertificatePassword"] = "pfx-password",
            };
            using var nodeA = new PostgresNode(_database!.ConnectionString, settings);
            using var nodeB = new PostgresNode(_database.ConnectionString, settings);
            var cookies = new System.Net.CookieContainer();
            using var onA = nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
            using var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));
            await nodeA.CreateUserAsync("ines", Roles.Educator, Password);
            await ApiFactory.SignInAsync(onA, "ines", Password);
            Assert.Equal("ines", (await (await onB.GetAsync("/account/me")).AssertJsonAsync(HttpStatusCode.OK)).GetProperty("userName").GetString());

            await using var db = _database.CreateContext();
            var stored = Assert.Single(await db.DataProtectionKeys.AsNoTracking().ToListAsync());
            Assert.Contains("EncryptedData", stored.Xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", stored.Xml, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private sealed class PostgresNode(string connectionString, IReadOnlyDictionary<string, string>? more = null) : ApiFactory
    {
        public string KeysFolder => Path.Combine(Path.GetDirectoryName(DatabaseFile)!, "keys");

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(more ?? new Dictionary<string, string>())
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Orchestrator"] = connectionString,
        };
    }
}
