using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Browser;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The task page in Chromium as staff use it: claim from the inbox, complete the form with the keyboard only and see
/// where the work went; two people completing one task at once; a draft that survives a reload and a lost connection;
/// a variable holding a script shown as text; a coordinator handing a task to a colleague with a reason.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class TaskPageTests(ChromiumBrowser chromium) : IDisposable
{
    private readonly WorkspaceFactory _service = new();

    [Fact]
    public async Task A_social_worker_claims_from_my_groups_completes_with_the_keyboard_and_the_lawyer_sees_the_next_task()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "luis", "Luis Jurídico", Roles.Lawyer);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0101", new JsonObject { ["age"] = 12 });

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "sara");

        // The task waits unclaimed in "my groups", due in three days, with its case reference and journey.
        await page.GetByRole(AriaRole.Link, new() { Name = "De mis grupos (sin tomar)" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0101" });
        await Assertions.Expect(row).ToContainTextAsync(StaffJourney.AssessTask);
        await Assertions.Expect(row).ToContainTextAsync("vence en 3 días");
        await Assertions.Expect(row).ToContainTextAsync(StaffJourney.JourneyName);
        await Assertions.Expect(page.Locator("[data-count='my-groups']")).Not.ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await browser.ScreenshotAsync("staff-inbox-es-1280");

        await row.GetByRole(AriaRole.Button, new() { Name = "Tomar tarea" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tomó la tarea «Assess the referral». Ahora está en «Asignadas a mí».");
        await page.GetByRole(AriaRole.Link, new() { Name = "Asignadas a mí" }).ClickAsync();
        row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0101" });
        await Assertions.Expect(row).ToContainTextAsync("Usted");
        await row.GetByRole(AriaRole.Link, new() { Name = StaffJourney.AssessTask }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = StaffJourney.AssessTask, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByLabel("Age")).ToHaveValueAsync("12"); // filled from the task's variables
        await Accessibility.AssertNoSeriousViolationsAsync(page, "#task-diagram");
        await browser.ScreenshotAsync("staff-task-es-1280");

        // From here the keyboard only: Tab to the first field, type, Tab on, Space for the choices, Enter on the button.
        await TabToAsync(page, "document.activeElement && document.activeElement.tagName === 'TEXTAREA'");
        await page.Keyboard.TypeAsync("Referred by the DIF shelter after a night at the bus station.");
        await page.Keyboard.PressAsync("Tab"); // Age (kept)
        await page.Keyboard.PressAsync("Tab"); // the first recommendation
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab"); // Urgent
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "document.activeElement && document.activeElement.id === 'complete'");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tarea completada. La siguiente está en la bandeja de Jurídico.");
        Assert.Equal(_service.BaseUrl + "/", page.Url);
        await using (var scope = _service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            Assert.False(await db.TaskDrafts.AnyAsync(d => d.TaskId == taskId), "the completed task's drafts are deleted");
        }

        // The lawyer finds the next task in their inbox, with the social worker's outcome beside its form.
        await using var lawyerBrowser = await WorkspaceFactory.PageAsync(chromium);
        var lawyer = lawyerBrowser.Page;
        await StaffJourney.SignInAsync(_service, lawyer, "luis");
        var next = lawyer.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0101" });
        await Assertions.Expect(next).ToContainTextAsync(StaffJourney.LegalTask);
        await next.GetByRole(AriaRole.Link, new() { Name = StaffJourney.LegalTask }).ClickAsync();
        var outcomes = lawyer.GetByRole(AriaRole.Region, new() { Name = "Resultados anteriores de este proceso" });
        await Assertions.Expect(outcomes).ToContainTextAsync(StaffJourney.AssessTask);
        await Assertions.Expect(outcomes).ToContainTextAsync("Sara Trabajo");
        await Assertions.Expect(outcomes).ToContainTextAsync("Referred by the DIF shelter after a night at the bus station.");
        await Assertions.Expect(outcomes).ToContainTextAsync("shelter");
        await Assertions.Expect(lawyer.Locator("#task-diagram .current-task")).ToHaveCountAsync(1);
        Assert.Empty(browser.ConsoleErrors);
        Assert.Empty(lawyerBrowser.ConsoleErrors);
    }

    [Fact]
    public async Task Two_people_complete_one_task_at_once_and_the_one_who_lost_is_told_who_won_and_keeps_their_input()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "sofia", "Sofía Campos", Roles.SocialWorker);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0102", new JsonObject { ["age"] = 9 });
        var path = "/tasks/" + Uri.EscapeDataString(taskId);

        await using var first = await WorkspaceFactory.PageAsync(chromium);
        await using var second = await WorkspaceFactory.PageAsync(chromium);
        var people = new[] { (Browser: first, Name: "Sara Trabajo", Summary: "Sara's assessment of the referral."), (Browser: second, Name: "Sofía Campos", Summary: "Sofía's own assessment, typed at the same time.") };
        var statuses = new Dictionary<IPage, int>();
        foreach (var (b, name, summary) in people)
        {
            await StaffJourney.SignInAsync(_service, b.Page, name == "Sara Trabajo" ? "sara" : "sofia", path);
            await Assertions.Expect(b.Page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
            await b.Page.GetByLabel("Summary of the referral").FillAsync(summary);
            await b.Page.GetByLabel("Family").ClickAsync(); // form-js re-renders its controlled radio a moment later
            await Assertions.Expect(b.Page.GetByLabel("Family")).ToBeCheckedAsync();
            var page = b.Page;
            page.Response += (_, response) =>
            {
                if (response.Request.Method == "POST" && response.Url.Contains("handler=Complete", StringComparison.Ordinal))
                {
                    lock (statuses)
                    {
                        statuses[page] = response.Status;
                    }
                }
            };
        }

        await Task.WhenAll(first.Page.Locator("#complete").ClickAsync(), second.Page.Locator("#complete").ClickAsync());
        await Task.WhenAll(people.Select(p => p.Browser.Page.WaitForLoadStateAsync(LoadState.Load)));
        await Assertions.Expect(first.Page.GetByRole(AriaRole.Status).Or(first.Page.GetByRole(AriaRole.Alert)).First).ToBeVisibleAsync();
        await Assertions.Expect(second.Page.GetByRole(AriaRole.Status).Or(second.Page.GetByRole(AriaRole.Alert)).First).ToBeVisibleAsync();

        var winner = people.Single(p => p.Browser.Page.Url == _service.BaseUrl + "/");
        var loser = people.Single(p => p.Browser.Page.Url != _service.BaseUrl + "/");
        await Assertions.Expect(winner.Browser.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tarea completada. La siguiente está en la bandeja de Jurídico.");
        var page2 = loser.Browser.Page;
        await Assertions.Expect(page2.GetByRole(AriaRole.Alert).First).ToContainTextAsync($"{winner.Name} completó esta tarea antes que usted");
        await Assertions.Expect(page2.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page2.GetByLabel("Summary of the referral")).ToHaveValueAsync(loser.Summary);
        await Assertions.Expect(page2.Locator("#complete")).ToHaveCountAsync(0);
        Assert.Equal(409, statuses[page2]);
        await Accessibility.AssertNoSeriousViolationsAsync(page2, "#task-diagram");
        await loser.Browser.ScreenshotAsync("staff-task-conflict-es");
    }

    [Fact]
    public async Task A_draft_is_saved_as_the_person_types_survives_a_reload_and_a_lost_connection_and_can_be_discarded()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0103");
        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "sara", "/tasks/" + Uri.EscapeDataString(taskId));
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");

        const string Words = "La niña llegó con su hermano; pide hablar con su tía.";
        await page.GetByLabel("Summary of the referral").ClickAsync();
        await page.Keyboard.TypeAsync(Words);
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Borrador guardado a las");

        // Kept on the server, sealed: the row does not hold the words.
        await using (var scope = _service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var draft = await db.TaskDrafts.AsNoTracking().SingleAsync(d => d.TaskId == taskId);
            Assert.DoesNotContain("hermano", draft.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("summary", draft.Content, StringComparison.Ordinal);
        }

        // A reload (or another device) brings it back, and says so.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByLabel("Summary of the referral")).ToHaveValueAsync(Words);
        await Assertions.Expect(page.GetByText("Se recuperó su borrador guardado el")).ToBeVisibleAsync();

        // The connection drops: the page says so and warns before leaving; when it is back the draft is saved.
        await browser.Context.SetOfflineAsync(true);
        await page.GetByLabel("Age").ClickAsync();
        await page.Keyboard.TypeAsync("14");
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Sin conexión", new() { Timeout = 15_000 });
        var warned = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            warned.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.CloseAsync(new() { RunBeforeUnload = true });
        Assert.Equal("beforeunload", await warned.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.False(page.IsClosed, "the person chose to stay");
        await browser.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#draft-status")).ToContainTextAsync("Borrador guardado a las", new() { Timeout = 20_000 });
        await using (var scope = _service.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var drafts = scope.ServiceProvider.GetRequiredService<Orchestrator.Tasks.TaskDrafts>();
            var actor = new Orchestrator.Workflows.Actor(await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker), "sara",
                new HashSet<string>([Roles.SocialWorker], StringComparer.Ordinal));
            var saved = await drafts.GetAsync(taskId, actor, CancellationToken.None);
            Assert.Equal(14, saved!.Data["age"]!.GetValue<int>());
            Assert.Equal(Words, saved.Data["summary"]!.GetValue<string>());
        }

        await browser.ScreenshotAsync("staff-task-draft-es");
        await page.GetByRole(AriaRole.Button, new() { Name = "Descartar borrador" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Se descartó su borrador; el formulario volvió a los datos del caso.");
        await Assertions.Expect(page.GetByLabel("Summary of the referral")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_variable_holding_a_script_is_shown_as_text_in_the_form_and_in_the_outcomes()
    {
        const string Hostile = "<script>window.__pwned = true</script> llegó sola <img src=x onerror=\"window.__pwned = true\">";
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "luis", "Luis Jurídico", Roles.Lawyer);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0105", new JsonObject { ["summary"] = Hostile, ["age"] = 15 });

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "sara", "/tasks/" + Uri.EscapeDataString(taskId));
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByLabel("Summary of the referral")).ToHaveValueAsync(Hostile);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));
        await page.GetByLabel("Shelter").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Shelter")).ToBeCheckedAsync();
        await page.Locator("#complete").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tarea completada.");

        await using var lawyerBrowser = await WorkspaceFactory.PageAsync(chromium);
        var lawyer = lawyerBrowser.Page;
        var legal = (await StaffJourney.OpenTasksAsync(_service, "CA-2026-0105"))["Task_Legal"];
        await StaffJourney.SignInAsync(_service, lawyer, "luis", "/tasks/" + Uri.EscapeDataString(legal));
        await Assertions.Expect(lawyer.GetByText(Hostile)).ToBeVisibleAsync();
        Assert.False(await lawyer.EvaluateAsync<bool>("() => window.__pwned === true"));
        Assert.Equal(0, await lawyer.Locator("main script, main img[src='x']").CountAsync());
    }

    [Fact]
    public async Task A_coordinator_hands_a_task_to_a_named_colleague_with_a_reason_the_history_keeps()
    {
        await StaffJourney.DeployAsync(_service);
        var sara = await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "carla", "Carla Coordinadora", Roles.Coordinator);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0106");

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "carla");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0106" });
        await row.GetByRole(AriaRole.Link, new() { Name = "Asignar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Asignar tarea" })).ToBeVisibleAsync();

        // No reason: said at the field, nothing assigned.
        await page.GetByLabel("Colega").SelectOptionAsync(new SelectOptionValue { Label = "Sara Trabajo (Trabajo social)" });
        await page.GetByLabel("Motivo").EvaluateAsync("e => e.removeAttribute('required')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Asignar tarea" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Motivo")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByText("Escriba el motivo: queda en el historial.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Motivo").FillAsync("Conoce a la familia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Asignar tarea" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Se asignó la tarea «Assess the referral» a Sara Trabajo.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "CA-2026-0106" })).ToContainTextAsync("Sara Trabajo");

        await using var scope = _service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
        Assert.Equal(sara, task.Assignee);
        var reassigned = await db.History.AsNoTracking().SingleAsync(h => h.ItemId == taskId && h.Type == "TaskReassigned");
        var detail = JsonNode.Parse(reassigned.Detail!)!;
        Assert.Equal("Conoce a la familia", detail["reason"]!.GetValue<string>());
        Assert.Equal(sara, detail["assignee"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_servers_errors_show_at_their_fields_with_the_input_kept_and_another_groups_person_is_refused_the_page()
    {
        await StaffJourney.DeployAsync(_service);
        await StaffJourney.PersonAsync(_service, "sara", "Sara Trabajo", Roles.SocialWorker);
        await StaffJourney.PersonAsync(_service, "luis", "Luis Jurídico", Roles.Lawyer);
        var taskId = await StaffJourney.StartAsync(_service, "CA-2026-0110");
        var path = "/tasks/" + Uri.EscapeDataString(taskId);

        await using var browser = await WorkspaceFactory.PageAsync(chromium);
        var page = browser.Page;
        await StaffJourney.SignInAsync(_service, page, "sara", path);
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");

        // Claimed from the task page itself.
        await page.GetByRole(AriaRole.Button, new() { Name = "Tomar tarea" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Tomó esta tarea: ya es suya y nadie más puede completarla.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Liberar tarea" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");

        // Data the browser's checks would have stopped, sent anyway (as an old page or another client would): the
        // server refuses it with 422, names each field in words in the page's language, and keeps what was sent.
        int? status = null;
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST")
            {
                status = response.Status;
            }
        };
        await page.EvaluateAsync(
            """
            () => {
              document.getElementById('complete-data').value = JSON.stringify({ summary: 'too short', age: 30, recommendation: 'shelter', urgent: false });
              document.getElementById('complete-form').submit();
            }
            """);
        var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "No se completó la tarea" });
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync("Summary of the referral:");
        await Assertions.Expect(alert).ToContainTextAsync("Age:");
        Assert.Equal(422, status);
        await Assertions.Expect(page.Locator("#task-page")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.GetByLabel("Summary of the referral")).ToHaveValueAsync("too short");
        await Assertions.Expect(page.GetByLabel("Age")).ToHaveValueAsync("30");
        await Assertions.Expect(page.GetByLabel("Summary of the referral")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Age")).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "#task-diagram");
        await browser.ScreenshotAsync("staff-task-invalid-es");

        // A lawyer following the same link gets the refusal page, not the task.
        await using var other = await WorkspaceFactory.PageAsync(chromium);
        await StaffJourney.SignInAsync(_service, other.Page, "luis", path);
        await Assertions.Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "No tiene acceso a esta página" })).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="condition"/> (JavaScript) holds, as a person tabbing through the page does.</summary>
    private static async Task TabToAsync(IPage page, string condition)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>($"() => !!({condition})"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached: " + condition);
    }

    public void Dispose() => _service.Dispose();
}
