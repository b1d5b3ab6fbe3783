using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.EmailActions;

/// <summary>
/// Email-action links end to end through the real service (HTTP, the workflow core, the outbox rows, the database):
/// the email carries the link; GET changes nothing; POST answers once; replay, expiry, tampering, concurrent
/// submits, the rate limit and a broken form each behave as <c>Notifications/EmailActions/README.md</c> says.
/// The link is read from the staged email's text (the outbox row), which keeps these many cases fast;
/// <see cref="EmailActionMailDevTests"/> takes it from the message MailDev received over SMTP.
/// </summary>
public abstract class EmailActionTests
{
    /// <summary>The service on the provider under test.</summary>
    protected abstract Task<EmailActionFactory> CreateAsync(int rateLimit = 10_000);

    private static JsonObject Variables(params (string Name, JsonNode? Value)[] extra)
    {
        var variables = new JsonObject { ["consulateEmail"] = EmailActionFactory.ConsulateEmail, ["secretNote"] = "the child's story stays behind the sign-in" };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return variables;
    }

    [Fact]
    public async Task An_outside_approval_emails_a_link_that_GET_leaves_untouched_and_POST_approves_once()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0042", Variables());

        var email = Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action");
        Assert.Equal(EmailActionFactory.ConsulateEmail, email.To);
        Assert.Equal("es", email.Language);
        Assert.Contains("CA-2026-0042", email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("child's story", email.Text, StringComparison.Ordinal);
        var link = EmailActionFactory.LinkIn(email.Text);
        Assert.StartsWith(factory.PublicBaseUrl + "/act/", link.ToString(), StringComparison.Ordinal);
        var token = Assert.Single(await factory.TokensAsync());
        Assert.DoesNotContain(link.Segments[^1], token.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, token.TokenHash.Length);
        Assert.Equal(EmailActionFactory.ConsulateEmail, token.Recipient);
        Assert.Equal(factory.Clock.GetUtcNow().AddDays(14), token.ExpiresAt);

        // A mail scanner and then the person open the link: nothing changes.
        using var browser = factory.Browser();
        var before = await factory.SnapshotAsync(id);
        var (scanStatus, _) = await ActPage.OpenAsync(factory.Browser(), link);
        var (status, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, scanStatus);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before, await factory.SnapshotAsync(id));
        Assert.Contains("CA-2026-0042", page, StringComparison.Ordinal);
        Assert.Contains("¿Aprueba el consulado el traslado del menor?", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("value=\"approve\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"decline\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("child's story", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain(EmailActionFactory.ConsulateEmail, page, StringComparison.Ordinal);

        var (answered, confirmation) = await ActPage.PostAsync(browser, link, page, ("decision", "approve"), ("comment", "Documentos en regla."));
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("Gracias", confirmation, StringComparison.Ordinal);
        Assert.Equal(["Task_ArrangeTransfer"], await factory.ActiveAsync(id));
        var variables = (await factory.InstanceAsync(id))["variables"]!;
        Assert.True(variables["approved"]!.GetValue<bool>());
        Assert.Equal("Documentos en regla.", variables["comment"]!.GetValue<string>());
        var used = Assert.Single(await factory.TokensAsync());
        Assert.Equal(factory.Clock.GetUtcNow(), used.UsedAt);
        Assert.Equal("approved", used.UsedOutcome);

        // Replay: the page says when it was answered, and a second POST changes nothing.
        var afterAnswer = await factory.SnapshotAsync(id);
        var (again, againPage) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("ya fue respondida", againPage, StringComparison.Ordinal);
        var (replay, replayPage) = await ActPage.PostAsync(browser, link, page, ("decision", "decline"));
        Assert.Equal(HttpStatusCode.Conflict, replay);
        Assert.Contains("ya fue respondida", replayPage, StringComparison.Ordinal);
        Assert.Equal(afterAnswer, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task The_page_is_in_the_workspace_layout_header_only_and_sends_no_referrer()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0041", Variables());
        var link = await factory.LinkOfAsync(id);
        using var browser = factory.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        request.Headers.AcceptLanguage.ParseAdd("es-MX");
        var response = await browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The token is in the URL: no Referer may carry it anywhere (the bpmn.io watermark links out), nothing is
        // cached, scripts come from the service only and nothing is fetched.
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, "the page must not be stored");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single().Split(';').Select(p => p.Trim()).ToList();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'none'", policy);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());

        // The layout of every page, header only: the organisation's name and the stylesheet; no navigation, no
        // sign-out, no language button (the link decides the language), and no inline script.
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
        Assert.Contains("DIF Tests", html, StringComparison.Ordinal);
        Assert.Contains("/css/site.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("site-nav", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/logout", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/language", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Se requiere su respuesta · DIF Tests</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_that_is_not_an_email_address_refuses_the_step_and_changes_nothing()
    {
        using var factory = await CreateAsync();
        using var client = factory.Program(Roles.SocialWorker);
        var response = await client.PostAsync("/api/processes/OutsideApproval/instances", new StringContent(
            new JsonObject { ["businessKey"] = "CA-2026-0040", ["variables"] = Variables(("consulateEmail", "consulado en Rabat")) }.ToJsonString(),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("Task_ConsulateApproval", problem, StringComparison.Ordinal);
        Assert.Contains("orc:externalRecipient", problem, StringComparison.Ordinal);
        Assert.Empty(await factory.TokensAsync());
        Assert.Empty(await factory.EmailsAsync());
    }

    [Fact]
    public async Task Decline_sets_approved_false_and_English_follows_the_browser()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0043", Variables());
        var link = await factory.LinkOfAsync(id);
        using var browser = factory.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        var page = await browser.GetStringAsync(link.PathAndQuery);
        Assert.Contains("Your answer is needed", page, StringComparison.Ordinal);

        var (status, done) = await ActPage.PostAsync(browser, link, page, ("decision", "decline"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Thank you", done, StringComparison.Ordinal);
        var instance = await factory.InstanceAsync(id);
        Assert.Equal("completed", instance["status"]!.GetValue<string>());
        Assert.False(instance["variables"]!["approved"]!.GetValue<bool>());
        Assert.Equal("declined", Assert.Single(await factory.TokensAsync()).UsedOutcome);
    }

    [Fact]
    public async Task An_expired_link_says_so_and_tells_the_coordinators_once_on_POST()
    {
        using var factory = await CreateAsync();
        await factory.CreateUserAsync("coordinadora", Roles.Coordinator, "Coordinadora-2026!");
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0044", Variables());
        var link = await factory.LinkOfAsync(id);
        factory.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));

        using var browser = factory.Browser();
        var before = await factory.SnapshotAsync(id);
        var (status, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("Este enlace venció", page, StringComparison.Ordinal);
        Assert.Contains("contacte a DIF Tests", page, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync(id));

        // Answering after expiry is refused and tells the coordinators; a second POST does not tell them again.
        var (late, latePage) = await ActPage.PostAsync(browser, link, page, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.Gone, late);
        Assert.Contains("Avisamos a la coordinación", latePage, StringComparison.Ordinal);
        var (notifyAgain, _) = await ActPage.PostAsync(browser, link, page, ("intent", "notify-expired"));
        Assert.Equal(HttpStatusCode.Gone, notifyAgain);

        var expired = Assert.Single(await factory.EmailsAsync(), e => e.Template == "email-action-expired");
        Assert.Equal("coordinadora@test.invalid", expired.To);
        Assert.Contains("CA-2026-0044", expired.Subject, StringComparison.Ordinal);
        Assert.Equal(["Task_ConsulateApproval"], await factory.ActiveAsync(id));
        var token = Assert.Single(await factory.TokensAsync());
        Assert.Null(token.UsedAt);
        Assert.Equal(factory.Clock.GetUtcNow(), token.ExpiredNotifiedAt);
    }

    [Fact]
    public async Task A_tampered_forged_or_unknown_token_is_a_plain_404_and_changes_nothing()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0045", Variables());
        var link = await factory.LinkOfAsync(id);
        var token = link.Segments[^1];
        using var browser = factory.Browser();
        var (_, page) = await ActPage.OpenAsync(browser, link);
        var before = await factory.SnapshotAsync(id);

        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        foreach (var bad in new[] { tampered, token[..^2], token + "AA", "not-a-token", new string('A', 155), new string('x', 600) })
        {
            var badLink = new Uri(factory.PublicBaseUrl + "/act/" + bad);
            var (getStatus, getBody) = await ActPage.OpenAsync(browser, badLink);
            var (postStatus, postBody) = await ActPage.PostAsync(browser, badLink, page, ("decision", "approve"));
            Assert.Equal(HttpStatusCode.NotFound, getStatus);
            Assert.Equal(HttpStatusCode.NotFound, postStatus);
            Assert.Equal("Not found", getBody);
            Assert.Equal("Not found", postBody);
        }

        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task A_POST_without_the_pages_antiforgery_token_changes_nothing()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0046", Variables());
        var link = await factory.LinkOfAsync(id);
        var before = await factory.SnapshotAsync(id);

        using var stranger = factory.Browser();
        var (status, page) = await ActPage.PostAsync(stranger, link, pageHtml: null, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("La página caducó", page, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task Two_concurrent_submits_complete_the_task_exactly_once()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0047", Variables());
        var link = await factory.LinkOfAsync(id);
        using var first = factory.Browser();
        using var second = factory.Browser();
        var (_, firstPage) = await ActPage.OpenAsync(first, link);
        var (_, secondPage) = await ActPage.OpenAsync(second, link);

        var results = await Task.WhenAll(
            ActPage.PostAsync(first, link, firstPage, ("decision", "approve")),
            ActPage.PostAsync(second, link, secondPage, ("decision", "decline")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.Status).Order());
        Assert.Contains("ya fue respondida", results.Single(r => r.Status == HttpStatusCode.Conflict).Html, StringComparison.Ordinal);
        var token = Assert.Single(await factory.TokensAsync());
        var winner = results.Single(r => r.Status == HttpStatusCode.OK);
        var instance = await factory.InstanceAsync(id);
        Assert.Equal(token.UsedOutcome == "approved", instance["variables"]!["approved"]!.GetValue<bool>());
        Assert.Equal(token.UsedOutcome == "approved" ? "active" : "completed", instance["status"]!.GetValue<string>());
        Assert.Contains("Gracias", winner.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_read_just_before_another_answer_committed_is_shown_as_answered_not_closed()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0054", Variables());
        var link = await factory.LinkOfAsync(id);

        // The link's row as a second request read it, a moment before the first answer committed.
        var stale = Assert.Single(await factory.TokensAsync());
        Assert.Null(stale.UsedAt);
        using var first = factory.Browser();
        var (_, page) = await ActPage.OpenAsync(first, link);
        Assert.Equal(HttpStatusCode.OK, (await ActPage.PostAsync(first, link, page, ("decision", "approve"))).Status);

        // Its task, read after that commit, is completed: the link was answered (in the same transaction), not closed.
        using var scope = factory.Services.CreateScope();
        var view = await scope.ServiceProvider.GetRequiredService<Orchestrator.Notifications.EmailActions.EmailActionService>().ViewOfAsync(stale, default);
        Assert.Equal(Orchestrator.Notifications.EmailActions.EmailActionState.Answered, view.State);
    }

    [Fact]
    public async Task A_task_that_ended_otherwise_answers_that_the_request_is_closed()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0048", Variables());
        var link = await factory.LinkOfAsync(id);
        using var browser = factory.Browser();
        var (_, page) = await ActPage.OpenAsync(browser, link);
        using (var coordinator = factory.ClientAs(Roles.Coordinator))
        {
            var cancelled = await coordinator.DeleteAsync($"/api/instances/{id}");
            Assert.True(cancelled.IsSuccessStatusCode, await cancelled.Content.ReadAsStringAsync());
        }

        var (status, closed) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Esta solicitud está cerrada", closed, StringComparison.Ordinal);
        var before = await factory.SnapshotAsync(id);
        var (postStatus, postPage) = await ActPage.PostAsync(browser, link, page, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.Conflict, postStatus);
        Assert.Contains("Esta solicitud está cerrada", postPage, StringComparison.Ordinal);
        Assert.Equal(before, await factory.SnapshotAsync(id));
    }

    [Fact]
    public async Task The_pages_are_rate_limited_per_client()
    {
        using var factory = await CreateAsync(rateLimit: 3);
        var id = await factory.StartAsync("OutsideApproval", "CA-2026-0049", Variables());
        var link = await factory.LinkOfAsync(id);
        using var browser = factory.Browser();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ActPage.OpenAsync(browser, link)).Status);
        }

        var response = await browser.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var busy = await response.Content.ReadAsStringAsync();
        Assert.Contains("Demasiadas solicitudes", busy, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", busy, StringComparison.Ordinal); // the same layout as every page
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.RetryAfter is not null, "429 without Retry-After");

        // Forged tokens count too: guessing is throttled before any lookup.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.GetAsync("/act/guess")).StatusCode);
    }

    [Fact]
    public async Task A_form_answer_that_breaks_the_form_lists_the_fields_and_changes_nothing()
    {
        using var factory = await CreateAsync();
        var id = await factory.StartAsync("OutsideForm", "CA-2026-0050", Variables(("siblings", 2)));
        var link = await factory.LinkOfAsync(id);
        using var browser = factory.Browser();
        var (status, page) = await ActPage.OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, status);

        // The page carries the form and only the task's variables that the form binds.
        Assert.Equal("consulate-answer", ActPage.Json(page, "form-schema")["id"]!.GetValue<string>());
        var data = ActPage.Json(page, "form-data").AsObject();
        Assert.Equal(["siblings"], data.Select(p => p.Key));
        Assert.Equal(2, data["siblings"]!.GetValue<int>());
        Assert.Contains("/dist/act.js", page, StringComparison.Ordinal); // the form-js viewer, from the workspace's bundle

        var before = await factory.SnapshotAsync(id);
        var broken = new JsonObject { ["consulateFile"] = "ma1234", ["siblings"] = 2, ["decision"] = "refuse", ["reason"] = "short", ["smuggled"] = true };
        var (invalid, errors) = await ActPage.PostAsync(browser, link, page, ("data", broken.ToJsonString()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid);
        foreach (var field in new[] { "consulateFile", "reason", "smuggled" })
        {
            Assert.Contains($"data-field=\"{field}\"", errors, StringComparison.Ordinal);
        }

        Assert.Contains("Consulate file number (consulateFile)", errors, StringComparison.Ordinal);
        Assert.Equal("ma1234", ActPage.Json(errors, "form-data")["consulateFile"]!.GetValue<string>());
        Assert.Equal(before, await factory.SnapshotAsync(id));

        var (notJson, _) = await ActPage.PostAsync(browser, link, page, ("data", "{not json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notJson);
        Assert.Equal(before, await factory.SnapshotAsync(id));

        var valid = new JsonObject { ["consulateFile"] = "MA-1234", ["siblings"] = 2, ["decision"] = "refuse", ["reason"] = "The passport has expired." };
        var (ok, done) = await ActPage.PostAsync(browser, link, page, ("data", valid.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains("Gracias", done, StringComparison.Ordinal);
        Assert.Equal(["Task_ReadAnswer"], await factory.ActiveAsync(id));
        var variables = (await factory.InstanceAsync(id))["variables"]!;
        Assert.Equal("MA-1234", variables["consulateFile"]!.GetValue<string>());
        Assert.Equal("submitted", Assert.Single(await factory.TokensAsync()).UsedOutcome);
    }
    [Fact]
    public async Task A_broken_answer_is_explained_in_the_links_language_and_the_API_keeps_its_English()
    {
        using var factory = await CreateAsync();
        var spanish = await factory.StartAsync("OutsideForm", "CA-2026-0051", Variables(("siblings", 2)));
        var english = await factory.StartAsync("OutsideFormEnglish", "CA-2026-0052", Variables(("siblings", 2)));
        var broken = new JsonObject { ["consulateFile"] = "MA-1234", ["siblings"] = 25, ["decision"] = "refuse", ["reason"] = "short", ["smuggled"] = true };

        // Both pages are opened by a browser that prefers Spanish: the link's own language decides.
        using var browser = factory.Browser();
        async Task<string> AnswerBrokenAsync(string instanceId)
        {
            var link = await factory.LinkOfAsync(instanceId);
            var (_, page) = await ActPage.OpenAsync(browser, link);
            var (status, html) = await ActPage.PostAsync(browser, link, page, ("data", broken.ToJsonString()));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            return System.Net.WebUtility.HtmlDecode(html);
        }

        var es = await AnswerBrokenAsync(spanish);
        Assert.Contains("Revise su respuesta", es, StringComparison.Ordinal);
        Assert.Contains("Reason for refusal (reason): debe tener al menos 10 caracteres", es, StringComparison.Ordinal);
        Assert.Contains("Siblings travelling (siblings): debe ser como máximo 20", es, StringComparison.Ordinal);
        Assert.Contains("smuggled: no es un campo de este formulario", es, StringComparison.Ordinal);
        Assert.DoesNotContain("must be", es, StringComparison.Ordinal);
        Assert.Equal("El campo es obligatorio.", ActPage.Json(es, "form-messages")["required"]!.GetValue<string>());

        var en = await AnswerBrokenAsync(english);
        Assert.Contains("Please check your answer", en, StringComparison.Ordinal);
        Assert.Contains("Reason for refusal (reason): must be at least 10 characters", en, StringComparison.Ordinal);
        Assert.Contains("Siblings travelling (siblings): must be at most 20", en, StringComparison.Ordinal);
        Assert.Contains("smuggled: is not a field of this form", en, StringComparison.Ordinal);
        Assert.Empty(ActPage.Json(en, "form-messages").AsObject());

        // Programs keep the validator's English: the same data through the task API.
        using var staff = factory.ClientAs(Roles.Coordinator);
        var tasks = JsonNode.Parse(await staff.GetStringAsync($"/api/tasks?instanceId={spanish}"))!.AsArray();
        var taskId = Assert.Single(tasks)!["id"]!.GetValue<string>();
        var api = await staff.PostAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/complete", new StringContent(
            new JsonObject { ["variables"] = broken.DeepClone() }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var problem = await api.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, api.StatusCode);
        Assert.Contains("must be at least 10 characters", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("debe", problem, StringComparison.Ordinal);

        // The approve/decline page names its own fields in the page's language too.
        var approval = await factory.StartAsync("OutsideApproval", "CA-2026-0053", Variables());
        var approvalLink = await factory.LinkOfAsync(approval);
        var (_, approvalPage) = await ActPage.OpenAsync(browser, approvalLink);
        var (undecided, undecidedPage) = await ActPage.PostAsync(browser, approvalLink, approvalPage, ("comment", "Sin decisión"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undecided);
        Assert.Contains("Decisión (approved): elija aprobar o rechazar", System.Net.WebUtility.HtmlDecode(undecidedPage), StringComparison.Ordinal);
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteEmailActionTests : EmailActionTests
{
    protected override Task<EmailActionFactory> CreateAsync(int rateLimit = 10_000) => EmailActionFactory.CreateAsync(null, rateLimit);
}

/// <summary>On PostgreSQL (a fresh database per test on the shared test server).</summary>
[Collection(PostgresGroup.Name)]
public sealed class PostgresEmailActionTests(PostgresServer server) : EmailActionTests
{
    protected override Task<EmailActionFactory> CreateAsync(int rateLimit = 10_000) => EmailActionFactory.CreateAsync(server, rateLimit);
}
