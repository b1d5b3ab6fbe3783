using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Orchestrator.Api;
using Orchestrator.Engine.Runtime;
using Orchestrator.Forms;
using Orchestrator.Security;
using Orchestrator.Web.Designer;

namespace Orchestrator.Designer;

/// <summary>
/// <c>/api/designer/…</c> (policy <see cref="Policies.Design"/>: designers and admins): what the designer page calls,
/// and what a program may call the same way. <c>GET /api/definitions/{processId}/versions/{n}/forms/{formKey}</c>
/// (<see cref="Policies.ReadDefinitions"/>) reads the form a version was deployed with.
/// </summary>
public static class DesignerEndpoints
{
    /// <summary>Maps the designer's endpoints under the <c>/api</c> group.</summary>
    /// <param name="api">The <c>/api</c> group.</param>
    /// <returns>The <c>/api/designer</c> group.</returns>
    public static RouteGroupBuilder MapDesignerEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/definitions/{processId}/versions/{version:int}/forms/{formKey}", DefinitionFormAsync)
            .RequireAuthorization(Policies.ReadDefinitions).WithTags("Definitions")
            .Produces<string>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The form-js schema a version was deployed with (what its tasks are shown and checked with)");

        var designer = api.MapGroup("/designer").WithTags("Designer").RequireAuthorization(Policies.Design);
        designer.AddEndpointFilter(MapDesignerExceptions);

        designer.MapGet("/processes", (DesignerCatalog catalog, CancellationToken ct) => catalog.ListProcessesAsync(ct))
            .WithSummary("Every process with its versions (who deployed, when, running instances) and its draft");
        designer.MapGet("/processes/{processId}/versions/{version:int}", VersionAsync)
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A version's XML with the forms and scenarios it was deployed with");
        designer.MapPost("/processes/{processId}/versions/{version:int}/redeploy", RedeployAsync).Idempotent()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Roll back: deploy this version again (with its forms and scenarios) as the newest");
        designer.MapGet("/handlers", HandlersAsync).WithSummary("The service-task handlers with their inputs, outputs and BPMN errors (?lang=es|en)");
        designer.MapGet("/forms", (DeployedForms forms, CancellationToken ct) => forms.ListLatestAsync(ct)).WithSummary("The newest version of every deployed form");
        designer.MapGet("/forms/{formKey}", LatestFormAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The newest version of a form (form-js schema)");
        designer.MapPost("/forms/check", (FormCheck check) => TypedResults.Ok(new ValidationResult(DesignerChecks.CheckForm(check.Key ?? string.Empty, check.Schema).Problems)))
            .WithSummary("Check a form with the server's form reader (a usable form-js schema whose id is its key)");
        designer.MapPost("/feel", (FeelCheck check, DesignerChecks checks) => TypedResults.Ok(checks.CheckFeel(check)))
            .WithSummary("Parse FEEL: valid, or each error's line, column and message");
        designer.MapPost("/validate", (ValidationRequest request, DesignerChecks checks, CancellationToken ct) => checks.ValidateAsync(request, ct))
            .WithSummary("The server's validator on a diagram, with the forms and handlers of this service");
        designer.MapPost("/scenarios/run", (ScenarioRunRequest request, DesignerChecks checks, CancellationToken ct) => checks.RunScenariosAsync(request, ct))
            .WithSummary("Run scenarios (the simulate format) against a diagram that is not deployed");
        designer.MapPost("/deploy/preview", (DeployPreviewRequest request, DesignerCatalog catalog, CancellationToken ct) => catalog.PreviewAsync(request, ct))
            .WithSummary("How many running instances wait at the given (removed or changed) elements, and run per version");
        designer.MapPost("/deploy", DeployAsync).Idempotent()
            .Produces<DeployResult>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Deploy a diagram with its forms and scenarios (audited); 422 lists what blocks it");

        designer.MapGet("/drafts", (DesignerDrafts drafts, CancellationToken ct) => drafts.ListAsync(ct)).WithSummary("Every draft");
        designer.MapGet("/drafts/{processId}", DraftAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A draft");
        designer.MapPut("/drafts/{processId}", SaveDraftAsync).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Save a draft whole; revision = the revision the copy was loaded at (0 creates); 409 with the current revision when it is older");
        designer.MapDelete("/drafts/{processId}", DiscardDraftAsync).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Discard a draft (?revision=)");
        designer.MapPost("/drafts/import", ImportAsync).Accepts<string>("application/xml", "text/xml")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Start a draft from a .bpmn file (body: the XML; ?name=file.bpmn); hostile or broken files are refused with the reason");
        return designer;
    }

    private static async Task<Results<Ok<VersionContent>, ProblemHttpResult>> VersionAsync(string processId, int version, DesignerCatalog catalog, CancellationToken ct) =>
        await catalog.GetVersionAsync(processId, version, ct).ConfigureAwait(false) is { } content
            ? TypedResults.Ok(content)
            : TypedResults.Problem(title: "Not found", detail: $"Process '{processId}' has no version {version}.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Created<DeployResult>> RedeployAsync(string processId, int version, DesignerDeployment deployment, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await deployment.RedeployAsync(processId, version, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created("/api/definitions", result);
    }

    private static IReadOnlyList<HandlerView> HandlersAsync(string? lang, JobHandlerRegistry registry, IStringLocalizer<DesignerText> text)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang == "en" ? "en" : "es-MX");
        try
        {
            return HandlerCatalog.Views(registry, text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static async Task<IResult> LatestFormAsync(string formKey, DeployedForms forms, CancellationToken ct) =>
        await forms.LatestAsync(formKey, ct).ConfigureAwait(false) is { } form
            ? TypedResults.Content(form.Schema, "application/json; charset=utf-8")
            : TypedResults.Problem(title: "Not found", detail: $"No form '{formKey}' is deployed.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> DefinitionFormAsync(string processId, int version, string formKey, DeployedForms forms, CancellationToken ct) =>
        await forms.ForTaskAsync(processId, version, formKey, ct).ConfigureAwait(false) is { } form
            ? TypedResults.Content(form.Schema, "application/json; charset=utf-8")
            : TypedResults.Problem(title: "Not found", detail: $"Process '{processId}' version {version} has no form '{formKey}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Created<DeployResult>> DeployAsync(DeployRequest request, DesignerDeployment deployment, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await deployment.DeployAsync(request, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created("/api/definitions", result);
    }

    private static async Task<Results<Ok<DraftView>, ProblemHttpResult>> DraftAsync(string processId, DesignerDrafts drafts, CancellationToken ct) =>
        await drafts.GetAsync(processId, ct).ConfigureAwait(false) is { } draft
            ? TypedResults.Ok(draft)
            : TypedResults.Problem(title: "Not found", detail: $"There is no draft of '{processId}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Ok<DraftSummary>> SaveDraftAsync(string processId, DraftSave save, DesignerDrafts drafts, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await drafts.SaveAsync(processId, save, user.ToActor(), ct).ConfigureAwait(false));

    private static async Task<IResult> DiscardDraftAsync(string processId, int revision, DesignerDrafts drafts, CancellationToken ct) =>
        await drafts.DiscardAsync(processId, revision, ct).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "Not found", detail: $"There is no draft of '{processId}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> ImportAsync(HttpRequest request, string? name, DesignerDrafts drafts, ClaimsPrincipal user, CancellationToken ct)
    {
        string xml;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            xml = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }

        var fileName = string.IsNullOrWhiteSpace(name) ? "upload.bpmn" : Path.GetFileName(name);
        var draft = await drafts.StartFromFileAsync(xml, fileName, user.ToActor(), ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/designer/drafts/{Uri.EscapeDataString(draft.ProcessId)}", draft);
    }

    /// <summary>The designer's refusals as problem details: 422 with every problem, 409 with the draft as it is now.</summary>
    private static async ValueTask<object?> MapDesignerExceptions(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (DesignerInputException e)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Cannot be used",
                Detail = e.Message,
                Extensions = { ["errors"] = e.Problems },
            });
        }
        catch (DraftConflictException e)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The draft changed",
                Detail = e.Message,
                Extensions = { ["current"] = e.Current },
            });
        }
    }
}
