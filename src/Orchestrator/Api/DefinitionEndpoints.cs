using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orchestrator.Security;
using Orchestrator.Workflows;

namespace Orchestrator.Api;

/// <summary>
/// <c>/api/definitions</c>: deploy BPMN (body: the XML, <c>application/xml</c> or <c>text/xml</c>; optional
/// <c>?name=</c> for the file name problems are reported against), list, and read a version's XML.
/// </summary>
internal static class DefinitionEndpoints
{
    private static readonly string[] XmlContentTypes = ["application/xml", "text/xml", "application/bpmn+xml"];

    public static RouteGroupBuilder MapDefinitionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/definitions").WithTags("Definitions");

        group.MapPost("/", DeployAsync)
            .RequireAuthorization(Policies.Design)
            .Idempotent()
            .Accepts<string>("application/xml", "text/xml")
            .Produces<DeployedProcessResponse>(StatusCodes.Status201Created)
            .Produces<DeployedProcessResponse[]>(StatusCodes.Status201Created)
            .Produces<DeployedProcessResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Validate and deploy a BPMN file")
            .WithDescription("201 with {processId, version} for a file with one process, an array of them for several; 200 when every process was unchanged (same content as the latest version). 422 lists errors [{elementId, code, message}].");

        group.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.ReadDefinitions)
            .WithSummary("Every deployed version");

        group.MapGet("/{processId}/versions/{version:int}/xml", GetXmlAsync)
            .RequireAuthorization(Policies.ReadDefinitions)
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The XML of one version, as deployed");
        return group;
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, Designer.DesignerDeployment deployment, ClaimsPrincipal user, string? name, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !XmlContentTypes.Contains(mediaType.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(
                title: "Unsupported content type",
                detail: $"Send the BPMN file as the body with Content-Type application/xml or text/xml (got '{request.ContentType ?? "none"}').",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        string xml;
        var encoding = mediaType.Encoding ?? Encoding.UTF8;
        using (var reader = new StreamReader(request.Body, encoding, detectEncodingFromByteOrderMarks: true))
        {
            xml = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return TypedResults.Problem(title: "Empty body", detail: "The body must be the BPMN XML to deploy.", statusCode: StatusCodes.Status400BadRequest);
        }

        var sourceName = string.IsNullOrWhiteSpace(name) ? "upload.bpmn" : Path.GetFileName(name);
        // Through the designer's deployment: each new version records the forms it names and keeps its scenarios.
        var outcomes = await deployment.DeployFromApiAsync(xml, sourceName, user.ToActor(), cancellationToken).ConfigureAwait(false);
        var deployed = outcomes.Select(o => new DeployedProcessResponse(o.ProcessId, o.Version)).ToArray();
        var created = outcomes.Any(o => o.Created);
        object body = deployed.Length == 1 ? deployed[0] : deployed;
        if (!created)
        {
            return TypedResults.Ok(body);
        }

        var location = deployed.Length == 1 ? $"/api/definitions/{Uri.EscapeDataString(deployed[0].ProcessId)}/versions/{deployed[0].Version}/xml" : "/api/definitions";
        return TypedResults.Created(location, body);
    }

    private static async Task<Ok<IReadOnlyList<DefinitionSummary>>> ListAsync(WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.ListDefinitionsAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetXmlAsync(string processId, int version, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var xml = await workflows.GetDefinitionXmlAsync(processId, version, cancellationToken).ConfigureAwait(false);
        return xml is null
            ? TypedResults.Problem(title: "Not found", detail: $"Process '{processId}' has no version {version}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Content(xml, "application/xml; charset=utf-8");
    }
}
