using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Forms;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Workflows;

namespace Orchestrator.Tests.Web;

/// <summary>
/// The journey the staff-workspace tests work through (<c>Web/Fixtures/staff-intake.bpmn</c>): a social worker
/// assesses a referral with a form (summary, age, recommendation, urgent), then a lawyer reviews it. Deployed into a
/// running <see cref="WorkspaceFactory"/> beside the repository's journeys, with its two forms.
/// </summary>
public static class StaffJourney
{
    /// <summary>The process id.</summary>
    public const string ProcessId = "staff-intake";

    /// <summary>The journey's name as the inbox shows it (the process's <c>name</c>; no translation file names it).</summary>
    public const string JourneyName = "Intake review (workspace tests)";

    /// <summary>The social worker's task name.</summary>
    public const string AssessTask = "Assess the referral";

    /// <summary>The lawyer's task name.</summary>
    public const string LegalTask = "Review the legal situation";

    /// <summary>A fixture file of the web tests.</summary>
    /// <param name="name">The file, relative to <c>Web/Fixtures</c>.</param>
    /// <returns>Its path in the source tree.</returns>
    public static string Fixture(string name) => Path.Combine(ApiFactory.RepositoryRoot, "tests", "Orchestrator.Tests", "Web", "Fixtures", name);

    /// <summary>Deploys the journey and registers its forms.</summary>
    /// <param name="service">The service.</param>
    public static async Task DeployAsync(ApiFactory service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var forms = service.Services.GetRequiredService<FormCatalog>();
        forms.Register(FormSchema.Load(Fixture(Path.Combine("forms", "staff-assessment.form"))));
        forms.Register(FormSchema.Load(Fixture(Path.Combine("forms", "staff-legal-review.form"))));
        await using var scope = service.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowService>()
            .DeployAsync(await File.ReadAllTextAsync(Fixture("staff-intake.bpmn")), "staff-intake.bpmn", Actor.System, CancellationToken.None);
    }

    /// <summary>Starts the journey for a case and returns the social worker's task.</summary>
    /// <param name="service">The service.</param>
    /// <param name="caseReference">The business key.</param>
    /// <param name="variables">Start variables.</param>
    /// <returns>The task id.</returns>
    public static async Task<string> StartAsync(ApiFactory service, string caseReference, JsonObject? variables = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var scope = service.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<WorkflowService>().StartAsync(ProcessId, variables, caseReference, Actor.System, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && t.Status == TaskStatuses.Open).Select(t => t.Id).SingleAsync();
    }

    /// <summary>The open tasks of a case, by element.</summary>
    /// <param name="service">The service.</param>
    /// <param name="caseReference">The business key.</param>
    /// <returns>Element id → task id.</returns>
    public static async Task<Dictionary<string, string>> OpenTasksAsync(ApiFactory service, string caseReference)
    {
        ArgumentNullException.ThrowIfNull(service);
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.Tasks.AsNoTracking().Where(t => t.BusinessKey == caseReference && t.Status == TaskStatuses.Open)
            .ToDictionaryAsync(t => t.ElementId, t => t.Id);
    }

    /// <summary>Creates a person (once) with a display name and roles, and returns their account id.</summary>
    /// <param name="service">The service.</param>
    /// <param name="userName">The user name.</param>
    /// <param name="displayName">The name people know them by.</param>
    /// <param name="roles">Their roles.</param>
    /// <returns>The account id.</returns>
    public static async Task<string> PersonAsync(ApiFactory service, string userName, string displayName, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(roles);
        await using var scope = service.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new StaffUser { UserName = userName, Email = $"{userName}@test.invalid", DisplayName = displayName };
            var created = await users.CreateAsync(user, WorkspaceFactory.Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return user.Id;
    }

    /// <summary>Signs a browser page in as a person by user name (the sign-in page, as a person does).</summary>
    /// <param name="service">The service.</param>
    /// <param name="page">The page.</param>
    /// <param name="userName">The user name.</param>
    /// <param name="path">Where to go after signing in.</param>
    public static async Task SignInAsync(WorkspaceFactory service, IPage page, string userName, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(service.BaseUrl + "/account/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(WorkspaceFactory.Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}
