using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Notifications;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>
/// The MailKit transport and the dispatcher against servers that do what MailDev cannot be made to do (a small SMTP
/// server of the test's own, <see cref="FakeSmtpServer"/>): one connection carries a whole batch; a server that closes
/// connections mid-batch loses and doubles nothing; a server that goes away mid-batch and comes back gets every email
/// once; a deferred email waits its back-off and is failed after the last attempt; a rejected one is failed at once; a
/// probe that finds the server back releases the emails in back-off; STARTTLS with a pinned certificate.
/// </summary>
public sealed class SmtpConnectionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static SmtpEmailSender SenderTo(FakeSmtpServer server, SmtpSecurity security = SmtpSecurity.None, string? certificate = null) =>
        new(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, From = "orchestrator@test.invalid", Security = security, ServerCertificatePath = certificate }, new OutboxOptions { SendTimeout = TimeSpan.FromSeconds(20) });

    private async Task<List<Guid>> StageAsync(OutboxRig rig, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await rig.StageAsync(OutboxRig.NewAddress("batch"), subject: $"Correo {i}"));
            rig.Clock.Advance(TimeSpan.FromSeconds(1)); // one after another, so they go in this order
        }

        return ids;
    }

    [Fact]
    public async Task One_connection_carries_a_whole_batch()
    {
        await using var server = new FakeSmtpServer();
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server), o => o.BatchSize = 10);
        var ids = await StageAsync(rig, 7);

        Assert.Equal(new OutboxPass(7, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));

        Assert.Equal(1, server.Connections);
        Assert.Equal(ids.Select(id => $"{id:D}@{OutboxRig.Domain}"), server.MessageIds);
    }

    [Fact]
    public async Task A_server_that_closes_connections_mid_batch_gets_every_email_once_over_new_connections()
    {
        await using var server = new FakeSmtpServer { MessagesPerConnection = 2 };
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server), o => o.BatchSize = 10);
        var ids = await StageAsync(rig, 5);

        Assert.Equal(new OutboxPass(5, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));

        Assert.Equal(ids.Select(id => $"{id:D}@{OutboxRig.Domain}"), server.MessageIds); // each once, in order
        Assert.Equal(3, server.Connections); // 2 + 2 + 1
        Assert.All(await rig.RowsAsync(), r => Assert.Equal((OutboxStatuses.Sent, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_server_that_goes_away_mid_batch_and_comes_back_gets_every_email_once()
    {
        await using var server = new FakeSmtpServer { GoAwayAfter = 2 };
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server), o => o.BatchSize = 10);
        var ids = await StageAsync(rig, 5);

        // The server takes two, then goes away with the connection: the third finds nobody when it connects again.
        var pass = await rig.Dispatcher.DispatchDueAsync(default);
        await server.StopAsync();
        Assert.True(pass.WaitingForServer, pass.ToString());
        Assert.Equal(2, pass.Sent);
        Assert.Equal(2, server.Messages.Count);
        var rows = (await rig.RowsAsync()).ToDictionary(r => r.Id);
        Assert.Equal(3, ids.Count(id => rows[id].Status == OutboxStatuses.Pending));
        Assert.Equal(1, ids.Count(id => rows[id].Status == OutboxStatuses.Pending && rows[id].Attempts == 1)); // the one that found the server gone
        Assert.Equal(2, ids.Count(id => rows[id].Attempts == 0)); // the others were not even tried

        // Back on the same port: the next probe finds it and the three that waited go, each once.
        server.GoAwayAfter = null;
        server.Start();
        rig.Clock.Advance(rig.Options.ProbeInterval);
        Assert.Equal(new OutboxPass(3, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Equal(ids.Select(id => $"{id:D}@{OutboxRig.Domain}").Order(), server.MessageIds.Order());
    }

    [Fact]
    public async Task A_deferred_email_waits_its_back_off_and_after_the_last_attempt_is_failed_logged_and_counted()
    {
        await using var server = new FakeSmtpServer { RecipientReply = "451 4.3.0 Mailbox temporarily unavailable" };
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server), o => o.MaxAttempts = 3);
        var id = await rig.StageAsync(OutboxRig.NewAddress("later"));
        var t0 = rig.Clock.GetUtcNow();

        // A deferral is about this email, not the server: the dispatcher goes on, the email waits 1 min, then 5 min.
        Assert.Equal(new OutboxPass(0, 1, 0, t0 + TimeSpan.FromMinutes(1)), await rig.Dispatcher.DispatchDueAsync(default));
        var row = (await rig.RowAsync(id))!;
        Assert.Equal((OutboxStatuses.Pending, 1, t0 + TimeSpan.FromMinutes(1)), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains("451", row.LastError, StringComparison.Ordinal);
        Assert.Null(rig.Dispatcher.ServerUnavailable);
        rig.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(new OutboxPass(0, 0, 0, t0 + TimeSpan.FromMinutes(1)), await rig.Dispatcher.DispatchDueAsync(default));
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Retrying);
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(new OutboxPass(0, 0, 1, null), await rig.Dispatcher.DispatchDueAsync(default));

        row = (await rig.RowAsync(id))!;
        Assert.Equal((OutboxStatuses.Failed, 3, (DateTimeOffset?)null), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains(rig.Logs.Entries, e => e.Message.Contains($"Email {id} given up after 3 attempts", StringComparison.Ordinal));
        Assert.Equal(1, rig.Measurements.GetValueOrDefault("orchestrator.emails.failed"));
        Assert.Equal(0, rig.Measurements.GetValueOrDefault("orchestrator.emails.sent"));

        // Nothing more is tried, however long we wait.
        rig.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new OutboxPass(0, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_rejected_email_is_failed_at_once_and_the_next_one_still_goes()
    {
        await using var server = new FakeSmtpServer { RecipientReply = "550 5.1.1 No such user here" };
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server));
        var rejected = await rig.StageAsync(OutboxRig.NewAddress("nobody"));

        Assert.Equal(new OutboxPass(0, 0, 1, null), await rig.Dispatcher.DispatchDueAsync(default));
        var row = (await rig.RowAsync(rejected))!;
        Assert.Equal((OutboxStatuses.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("550", row.LastError, StringComparison.Ordinal);
        Assert.Contains("rejected", row.LastError, StringComparison.Ordinal);

        server.RecipientReply = null;
        var next = await rig.StageAsync(OutboxRig.NewAddress("somebody"));
        Assert.Equal(new OutboxPass(1, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Equal([$"{next:D}@{OutboxRig.Domain}"], server.MessageIds);
    }

    [Fact]
    public async Task When_the_server_answers_again_emails_in_back_off_go_with_the_rest()
    {
        await using var server = new FakeSmtpServer { RecipientReply = "451 4.3.0 Try again later" };
        server.Start();
        await using var rig = new OutboxRig(_database, SenderTo(server));
        var deferred = await rig.StageAsync(OutboxRig.NewAddress("deferred"));
        Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Retrying); // waits 1 min

        // The server goes away; the next email finds it gone.
        await server.StopAsync();
        rig.Clock.Advance(TimeSpan.FromSeconds(5));
        var waiting = await rig.StageAsync(OutboxRig.NewAddress("waiting"));
        Assert.True((await rig.DispatchAndReturnAsync()).WaitingForServer);

        // It comes back well within the deferred email's minute: the probe releases that one too.
        server.RecipientReply = null;
        server.Start();
        rig.Clock.Advance(rig.Options.ProbeInterval);
        Assert.True(rig.Clock.GetUtcNow() < (await rig.RowAsync(deferred))!.NextAttemptAt);
        Assert.Equal(new OutboxPass(2, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Equal(new[] { deferred, waiting }.Select(id => $"{id:D}@{OutboxRig.Domain}").Order(), server.MessageIds.Order());
    }

    [Fact]
    public async Task StartTls_with_the_servers_certificate_pinned_sends_over_tls_and_without_it_the_server_counts_as_unavailable()
    {
        using var certificate = SelfSigned();
        var pem = Path.Combine(Path.GetTempPath(), $"orchestrator-smtp-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
        try
        {
            await using var server = new FakeSmtpServer(certificate);
            server.Start();

            // Not trusted by the system and not pinned: TLS fails, and that is the server's problem, not the email's.
            await using (var untrusted = new OutboxRig(_database, SenderTo(server, SmtpSecurity.StartTls)))
            {
                var id = await untrusted.StageAsync(OutboxRig.NewAddress("tls"));
                Assert.True((await untrusted.Dispatcher.DispatchDueAsync(default)).WaitingForServer);
                Assert.Contains("TLS", (await untrusted.RowAsync(id))!.LastError, StringComparison.Ordinal);
                Assert.Empty(server.Messages);
            }

            await using var rig = new OutboxRig(_database, SenderTo(server, SmtpSecurity.StartTls, pem));
            rig.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Sent);
            Assert.Equal([true], server.MessagesOverTls);
        }
        finally
        {
            File.Delete(pem);
        }
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // SslStream on Linux needs the key in a form it can use: through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
