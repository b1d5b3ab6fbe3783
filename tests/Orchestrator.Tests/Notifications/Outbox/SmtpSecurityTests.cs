using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Notifications;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>
/// MailDev 2.2.1 as a server that requires authentication (<c>--incoming-user/--incoming-pass</c>) and speaks TLS from
/// the first byte (<c>--incoming-secure</c> with a certificate the test makes): the right credentials over TLS deliver;
/// a refused authentication holds the emails as "server unavailable" (nothing is lost, no attempt is wasted on the
/// other emails) until the server can be used. (An untrusted certificate is shown with STARTTLS in
/// <see cref="SmtpConnectionTests"/>: MailDev 2.2.1 stops on a client that abandons the TLS handshake.)
/// </summary>
public sealed class SmtpSecurityTests : IAsyncLifetime
{
    private const string User = "orchestrator";
    private const string Password = "a-long-smtp-password";
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-smtp-tls-").FullName;
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private MailDevServer? _mail;

    private MailDevServer Mail => _mail ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(_folder, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        _mail = new MailDevServer { IncomingUser = User, IncomingPassword = Password, CertificateFile = Path.Combine(_folder, "cert.pem"), KeyFile = Path.Combine(_folder, "key.pem") };
        await _mail.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static SmtpEmailSender Sender(SmtpOptions smtp) => new(smtp, new OutboxOptions { SendTimeout = TimeSpan.FromSeconds(20) });

    [Fact]
    public async Task With_its_credentials_over_tls_the_email_arrives()
    {
        await using var rig = new OutboxRig(_database, Sender(Mail.SmtpOptions()));
        var to = OutboxRig.NewAddress("secure");
        var id = await rig.StageAsync(to);

        Assert.Equal(new OutboxPass(1, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));

        var received = Assert.Single(await Mail.WaitForAsync(to));
        Assert.Equal($"{id:D}@{OutboxRig.Domain}", received.MessageId);
    }

    [Fact]
    public async Task A_refused_authentication_holds_every_email_until_the_server_accepts_and_spends_no_attempt_on_the_others()
    {
        var wrong = Mail.SmtpOptions();
        wrong = new SmtpOptions { Host = wrong.Host, Port = wrong.Port, From = wrong.From, Security = wrong.Security, ServerCertificatePath = wrong.ServerCertificatePath, UserName = User, Password = "not-the-password" };
        await using var rig = new OutboxRig(_database, Sender(wrong));
        var to = OutboxRig.NewAddress("refused");
        var first = await rig.StageAsync(to, subject: "Uno");
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await rig.StageAsync(to, subject: "Dos");

        var pass = await rig.Dispatcher.DispatchDueAsync(default);
        Assert.Equal(new OutboxPass(0, 1, 0, rig.Clock.GetUtcNow() + rig.Options.ProbeInterval) { WaitingForServer = true }, pass);
        var row = (await rig.RowAsync(first))!;
        Assert.Equal((OutboxStatuses.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains($"refused the authentication of '{User}'", row.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await rig.RowAsync(second))!.Attempts);
        Assert.Contains("authentication", rig.Dispatcher.ServerUnavailable?.Error, StringComparison.Ordinal);

        // The probe authenticates too: still refused, still nothing sent, no attempt spent.
        rig.Clock.Advance(rig.Options.ProbeInterval);
        Assert.True((await rig.Dispatcher.DispatchDueAsync(default)).WaitingForServer);
        Assert.Equal(1, (await rig.RowAsync(first))!.Attempts);
        Assert.Empty(await Mail.ListToAsync(to));

        // With the right password (a corrected setting, a new node) both go.
        await using var fixedRig = new OutboxRig(_database, Sender(Mail.SmtpOptions()));
        fixedRig.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await fixedRig.Dispatcher.DispatchDueAsync(default)).Sent);
        Assert.Equal(2, (await Mail.WaitForAsync(to, 2)).Count);
    }
}
