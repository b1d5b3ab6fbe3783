using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Persistence;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>
/// The outbox dispatcher against a real SMTP server (MailDev) and a real database: rows staged in a committed
/// transaction arrive; a down server is retried with back-off on a virtual clock; a crash between sending and
/// recording resends the same message; two dispatchers send each row once; a letter travels as a PDF part; without SMTP
/// the mail becomes .eml files. Servers that defer, reject, drop or come back are in <see cref="SmtpConnectionTests"/>.
/// </summary>
public abstract class OutboxDispatcherTests(MailDevServer mail) : IAsyncLifetime
{
    private TestDatabase? _database;

    protected MailDevServer Mail { get; } = mail;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await _database.MigrateAsync();
    }

    private static readonly Guid UpgradedRow = Guid.Parse("0b5e7d1c-2f43-4a8e-9d61-3c7a0e4f5b21");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    private OutboxRig Rig(IEmailSender? sender = null, Action<OutboxOptions>? configure = null) =>
        new(Database, sender ?? new SmtpEmailSender(Mail.SmtpOptions(), new OutboxOptions()), configure);

    private SmtpEmailSender DeadSmtp() => new(new() { Host = Mail.Host, Port = OutboxRig.DeadPort(), From = "orchestrator@test.invalid" }, new OutboxOptions());

    [Fact]
    public async Task A_committed_email_arrives_with_subject_text_html_and_the_rows_message_id()
    {
        await using var rig = Rig();
        var to = OutboxRig.NewAddress("social-worker");
        var id = await rig.StageAsync(to);

        var pass = await rig.Dispatcher.DispatchDueAsync(default);

        Assert.Equal(new OutboxPass(1, 0, 0, null), pass);
        var received = Assert.Single(await Mail.WaitForAsync(to));
        Assert.Equal("Revisión del caso CA-2026-0001 — acción requerida", received.Subject);
        Assert.Equal($"{id:D}@{OutboxRig.Domain}", received.MessageId);
        Assert.Contains("Hola, tienes una tarea: https://orc.example/tasks/1 ñ €", received.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://orc.example/tasks/1\">abrir</a> ñ €", received.Html, StringComparison.Ordinal);
        Assert.Contains("ñ €", await Mail.GetHtmlAsync(received.Id), StringComparison.Ordinal);
        Assert.Equal("orchestrator@test.invalid", Assert.Single(received.From).Address);
        var source = await Mail.GetSourceAsync(received.Id);
        Assert.Contains("multipart/alternative", source, StringComparison.OrdinalIgnoreCase);
        Assert.True(source.IndexOf("text/plain", StringComparison.OrdinalIgnoreCase) < source.IndexOf("text/html", StringComparison.OrdinalIgnoreCase), "text part first, HTML last");

        var row = await rig.RowAsync(id);
        Assert.NotNull(row);
        Assert.Equal(OutboxStatuses.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(rig.Clock.GetUtcNow(), row.SentAt);
        Assert.Equal($"{id:D}@{OutboxRig.Domain}", row.MessageId);
        Assert.Null(row.LeaseOwner);
        Assert.Null(row.LeaseUntil);
        Assert.Null(row.LastError);
        Assert.Equal(1, rig.Measurements.GetValueOrDefault("orchestrator.emails.sent"));

        // Sent once: another pass finds nothing.
        Assert.Equal(new OutboxPass(0, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Single(await Mail.ListToAsync(to));
    }

    [Fact]
    public async Task An_email_staged_before_the_upgrade_is_sent_after_it_with_its_message_id()
    {
        await using var old = await CreateDatabaseAsync();
        await using (var db = old.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261122000200_QuartzTables");
            var sqlite = old.Provider == DatabaseProvider.Sqlite;
            var created = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
            var payload = """{"to":"before-upgrade@test.invalid","subject":"Antes","html":"<p>a</p>","text":"a","template":"t","language":"es"}""";
#pragma warning disable EF1002 // Test values, not input.
            await db.Database.ExecuteSqlRawAsync(sqlite
                ? $"INSERT INTO outbox (id, created_at, kind, payload, status, attempts, next_attempt_at) VALUES ('{UpgradedRow.ToString().ToUpperInvariant()}', {created.UtcTicks}, 'email', {{0}}, 'pending', 0, {created.UtcTicks})"
                : $"INSERT INTO outbox (id, created_at, kind, payload, status, attempts, next_attempt_at) VALUES ('{UpgradedRow}', '2026-03-01T08:00:00Z', 'email', {{0}}, 'pending', 0, '2026-03-01T08:00:00Z')",
                payload);
#pragma warning restore EF1002
        }

        await old.MigrateAsync();
        await using var rig = new OutboxRig(old, new SmtpEmailSender(Mail.SmtpOptions(), new OutboxOptions()));
        var before = (await rig.RowAsync(UpgradedRow))!;
        Assert.Equal((OutboxStatuses.Pending, (string?)null, (string?)null), (before.Status, before.MessageId, before.LeaseOwner));

        Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Sent);

        var received = Assert.Single(await Mail.WaitForAsync("before-upgrade@test.invalid"));
        Assert.Equal("Antes", received.Subject);
        var after = (await rig.RowAsync(UpgradedRow))!;
        Assert.Equal((OutboxStatuses.Sent, $"{UpgradedRow:D}@{OutboxRig.Domain}"), (after.Status, after.MessageId));
        Assert.Equal(after.MessageId, received.MessageId);
    }

    [Fact]
    public async Task A_rolled_back_step_leaves_no_email()
    {
        await using var rig = Rig();
        var to = OutboxRig.NewAddress("rolled-back");
        var id = await rig.StageAsync(to, commit: false);

        Assert.Null(await rig.RowAsync(id));
        Assert.Equal(new OutboxPass(0, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Empty(await Mail.ListToAsync(to));
    }

    [Fact]
    public async Task Smtp_down_holds_every_email_until_a_probe_finds_the_server_then_sends_them_all()
    {
        await using var rig = Rig(DeadSmtp());
        var to = OutboxRig.NewAddress("down");
        var first = await rig.StageAsync(to, subject: "Primero");
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await rig.StageAsync(to, subject: "Segundo");
        var t0 = rig.Clock.GetUtcNow();
        var probe = rig.Options.ProbeInterval;

        // The first attempt finds the server gone: that row stays due, the other is not even tried, and the dispatcher
        // looks again at the next probe.
        var pass = await rig.Dispatcher.DispatchDueAsync(default);
        Assert.Equal(new OutboxPass(0, 1, 0, t0 + probe) { WaitingForServer = true }, pass);
        var row = (await rig.RowAsync(first))!;
        Assert.Equal((OutboxStatuses.Pending, 1, t0), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains("unreachable", row.LastError, StringComparison.Ordinal);
        Assert.Null(row.LeaseOwner);
        Assert.Equal(0, (await rig.RowAsync(second))!.Attempts);
        Assert.Equal(t0, rig.Dispatcher.ServerUnavailable?.Since);

        // Before the probe is due nothing is tried; a new email waits too.
        var third = await rig.StageAsync(to, subject: "Tercero");
        rig.Clock.Advance(probe - TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxPass(0, 0, 0, t0 + probe) { WaitingForServer = true }, await rig.Dispatcher.DispatchDueAsync(default));

        // The probe finds it still down: no attempt is spent on any email.
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxPass(0, 0, 0, t0 + 2 * probe) { WaitingForServer = true }, await rig.Dispatcher.DispatchDueAsync(default));
        var attempts = new[] { (await rig.RowAsync(first))!.Attempts, (await rig.RowAsync(second))!.Attempts, (await rig.RowAsync(third))!.Attempts };
        Assert.Equal([1, 0, 0], attempts);

        // The server is back: the next probe answers and every waiting email goes, in one pass.
        rig.Sender.Current = new SmtpEmailSender(Mail.SmtpOptions(), new OutboxOptions());
        rig.Clock.Advance(probe);
        Assert.Equal(new OutboxPass(3, 0, 0, null), await rig.Dispatcher.DispatchDueAsync(default));
        Assert.Null(rig.Dispatcher.ServerUnavailable);

        var received = await Mail.WaitForAsync(to, 3);
        Assert.Equal(new[] { first, second, third }.Select(id => $"{id:D}@{OutboxRig.Domain}").Order(), received.Select(m => m.MessageId!).Order());
        row = (await rig.RowAsync(first))!;
        Assert.Equal((OutboxStatuses.Sent, 2, t0 + 2 * probe), (row.Status, row.Attempts, row.SentAt));
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task A_letter_attached_to_an_email_arrives_as_a_pdf_part()
    {
        await using var rig = Rig();
        var pdf = "%PDF-1.4 carta de prueba ñ"u8.ToArray();
        var document = await rig.StoreDocumentAsync(pdf);
        var to = OutboxRig.NewAddress("family");
        await rig.StageAsync(to, attachments: [new OutboxAttachment(document, "family-rejected-FF-0001.pdf")]);

        Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Sent);

        var received = Assert.Single(await Mail.WaitForAsync(to));
        var attachment = Assert.Single(received.Attachments ?? []);
        Assert.Equal(("family-rejected-FF-0001.pdf", "application/pdf", pdf.Length), (attachment.FileName, attachment.ContentType, attachment.Length));
        var source = await Mail.GetSourceAsync(received.Id);
        Assert.Contains("multipart/mixed", source, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Convert.ToBase64String(pdf), source.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attachment_whose_document_is_gone_fails_the_email_at_once_naming_it()
    {
        await using var rig = Rig();
        var missing = Guid.NewGuid();
        var id = await rig.StageAsync(OutboxRig.NewAddress("family"), attachments: [new OutboxAttachment(missing, "letter.pdf")]);

        Assert.Equal(new OutboxPass(0, 0, 1, null), await rig.Dispatcher.DispatchDueAsync(default));
        var row = (await rig.RowAsync(id))!;
        Assert.Equal(OutboxStatuses.Failed, row.Status);
        Assert.Contains(missing.ToString(), row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_can_never_be_sent_fails_at_once()
    {
        await using var rig = Rig();
        var id = await rig.StageAsync("not an address");

        Assert.Equal(new OutboxPass(0, 0, 1, null), await rig.Dispatcher.DispatchDueAsync(default));
        var row = (await rig.RowAsync(id))!;
        Assert.Equal((OutboxStatuses.Failed, 1), (row.Status, row.Attempts));
        Assert.Contains("'not an address' is not an email address", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_between_sending_and_recording_resends_the_same_message_after_the_lease()
    {
        using var nodeA = new CancellationTokenSource();
        var smtp = new SmtpEmailSender(Mail.SmtpOptions(), new OutboxOptions());
        await using var rig = Rig(new DiesAfterSendingSender(smtp, nodeA));
        var to = OutboxRig.NewAddress("crash");
        var t0 = rig.Clock.GetUtcNow();
        var id = await rig.StageAsync(to);

        // Node A sends, then dies before recording anything.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Dispatcher.DispatchDueAsync(nodeA.Token));
        var first = Assert.Single(await Mail.WaitForAsync(to));
        var row = (await rig.RowAsync(id))!;
        Assert.Equal((OutboxStatuses.Pending, 1, "node-a", t0 + rig.Options.Lease), (row.Status, row.Attempts, row.LeaseOwner, row.LeaseUntil));
        Assert.Null(row.SentAt);

        // Node B (or A restarted) leaves the row alone while A's lease lasts, and knows when to look again.
        var nodeB = rig.CreateDispatcher("node-b", smtp);
        Assert.Equal(new OutboxPass(0, 0, 0, t0 + rig.Options.Lease + TimeSpan.FromTicks(1)), await nodeB.DispatchDueAsync(default));

        rig.Clock.Advance(rig.Options.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxPass(1, 0, 0, null), await nodeB.DispatchDueAsync(default));

        var both = await Mail.WaitForAsync(to, 2);
        Assert.Equal(2, both.Count);
        Assert.All(both, m => Assert.Equal($"{id:D}@{OutboxRig.Domain}", m.MessageId));
        Assert.Equal(first.Subject, both[1].Subject);
        Assert.Equal(first.Text, both[1].Text);
        Assert.Equal(first.Html, both[1].Html);
        row = (await rig.RowAsync(id))!;
        Assert.Equal((OutboxStatuses.Sent, 2, (string?)null), (row.Status, row.Attempts, row.LeaseOwner));
        nodeB.Dispose();
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_send_each_row_once()
    {
        var smtp = new SmtpEmailSender(Mail.SmtpOptions(), new OutboxOptions());
        await using var rig = Rig(smtp, o => o.BatchSize = 5);
        var to = OutboxRig.NewAddress("many");
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await rig.StageAsync(to, subject: $"Email {i}"));
        }

        var a = new SwitchableSender(smtp);
        var b = new SwitchableSender(smtp);
        using var nodeA = rig.CreateDispatcher("node-a", a);
        using var nodeB = rig.CreateDispatcher("node-b", b);
        var passes = await Task.WhenAll(Task.Run(() => nodeA.DispatchDueAsync(default)), Task.Run(() => nodeB.DispatchDueAsync(default)));

        Assert.Equal(30, passes.Sum(p => p.Sent));
        var sent = a.Sent.Concat(b.Sent).ToList();
        Assert.Equal(ids.Order(), sent.Order());
        var rows = await rig.RowsAsync();
        Assert.All(rows, r => Assert.Equal((OutboxStatuses.Sent, 1), (r.Status, r.Attempts)));
        var received = await Mail.WaitForAsync(to, 30);
        Assert.Equal(30, received.Count);
        Assert.Equal(ids.Select(id => $"{id:D}@{OutboxRig.Domain}").Order(), received.Select(m => m.MessageId!).Order());
    }

    [Fact]
    public async Task Without_an_smtp_host_each_row_is_one_eml_file_with_the_same_headers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "orchestrator-mail-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            var files = new EmlFileEmailSender(new EmailMessageFactory(new() { From = "orchestrator@test.invalid" }), folder);
            await using var rig = Rig(files);
            var to = OutboxRig.NewAddress("local");
            var id = await rig.StageAsync(to);
            var createdAt = (await rig.RowAsync(id))!.CreatedAt;

            Assert.Equal(1, (await rig.Dispatcher.DispatchDueAsync(default)).Sent);

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(Path.Combine(folder, $"20260302T100000-{id:D}.eml"), file);
            var eml = await File.ReadAllTextAsync(file, Encoding.ASCII);
            Assert.Contains($"\r\nMessage-Id: <{id:D}@{OutboxRig.Domain}>\r\n", "\r\n" + eml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("MIME-Version: 1.0\r\n", eml, StringComparison.Ordinal);
            Assert.Contains($"To: {to}", eml, StringComparison.Ordinal);
            Assert.Contains("From: orchestrator@test.invalid", eml, StringComparison.Ordinal);
            Assert.Contains("Subject: =?utf-8?", eml, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("multipart/alternative", eml, StringComparison.Ordinal);
            Assert.Contains("text/plain; charset=utf-8", eml, StringComparison.Ordinal);
            Assert.Contains("text/html; charset=utf-8", eml, StringComparison.Ordinal);
            Assert.DoesNotContain("X-Sender", eml, StringComparison.Ordinal);

            // Writing the same row again (a resend after a crash) replaces the file instead of adding one.
            await files.WriteAsync(new OutboxEmail(id, $"{id:D}@{OutboxRig.Domain}", createdAt, to, "again", "t", "<p>h</p>"), default);
            Assert.Equal([file], Directory.GetFiles(folder));
            Assert.Contains("Subject: again", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            Assert.Equal(1, rig.Measurements.GetValueOrDefault("orchestrator.emails.sent"));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_running_dispatcher_wakes_when_a_transaction_with_email_commits()
    {
        // A backstop of an hour: only the commit's signal can make the email arrive within the wait below.
        await using var rig = Rig(configure: o => o.Backstop = TimeSpan.FromHours(1));
        using var stop = new CancellationTokenSource();
        await rig.Dispatcher.StartAsync(stop.Token);
        try
        {
            var to = OutboxRig.NewAddress("woken");
            var id = await rig.StageAsync(to);
            var received = Assert.Single(await Mail.WaitForAsync(to, timeout: TimeSpan.FromSeconds(60)));
            Assert.Equal($"{id:D}@{OutboxRig.Domain}", received.MessageId);
        }
        finally
        {
            await rig.Dispatcher.StopAsync(CancellationToken.None);
        }
    }
}

/// <summary>On SQLite (the embedded default).</summary>
public sealed class SqliteOutboxDispatcherTests(MailDevServer mail) : OutboxDispatcherTests(mail), IClassFixture<MailDevServer>
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

/// <summary>On PostgreSQL (the server setup, several nodes).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresOutboxDispatcherTests(PostgresServer server, MailDevServer mail) : OutboxDispatcherTests(mail), IClassFixture<MailDevServer>
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgresAsync(server, "outbox");
}

/// <summary>The dispatcher's sleep: until the next due row, never longer than the backstop.</summary>
public sealed class OutboxSleepTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sleeps_until_the_next_due_row_but_at_most_the_backstop()
    {
        var backstop = TimeSpan.FromMinutes(1);
        Assert.Equal(backstop, OutboxDispatcher.SleepFor(null, Now, backstop));
        Assert.Equal(TimeSpan.FromSeconds(20), OutboxDispatcher.SleepFor(Now.AddSeconds(20), Now, backstop));
        Assert.Equal(backstop, OutboxDispatcher.SleepFor(Now.AddHours(2), Now, backstop));
        Assert.Equal(TimeSpan.Zero, OutboxDispatcher.SleepFor(Now.AddSeconds(-5), Now, backstop));
    }

    [Fact]
    public void The_back_off_is_1_5_30_min_2_6_h_and_the_last_step_repeats()
    {
        var options = new OutboxOptions();
        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(6)],
            Enumerable.Range(1, 6).Select(options.BackoffAfter));
    }

    [Fact]
    public void A_probe_interval_longer_than_a_minute_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OutboxOptions { ProbeInterval = TimeSpan.FromMinutes(2) }.Validate());
        Assert.Contains("Notifications:Outbox:ProbeInterval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lease_shorter_than_the_send_timeout_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OutboxOptions { Lease = TimeSpan.FromSeconds(30), SendTimeout = TimeSpan.FromSeconds(60) }.Validate());
        Assert.Contains("Notifications:Outbox:Lease", e.Message, StringComparison.Ordinal);
    }
}
