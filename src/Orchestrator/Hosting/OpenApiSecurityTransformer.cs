using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestrator.Hosting;

/// <summary>Describes the two ways in (API key header, sign-in cookie) in the OpenAPI document.</summary>
internal sealed class OpenApiSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "Orchestrator";
        document.Info.Description = "Durable BPMN workflows for child-protection care. Programs send `Authorization: ApiKey <key>`; people sign in at /account/login (cookie; cookie posts need the X-CSRF-TOKEN header from /account/antiforgery). Errors are RFC 7807 problem details. Command endpoints accept an Idempotency-Key header.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "`ApiKey <key>` with a key from Security:ApiKeys.",
        };
        document.Components.SecuritySchemes["Cookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Security.SecurityServiceCollectionExtensions.CookieName,
            Description = "The sign-in cookie set by POST /account/login.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Cookie", document)] = [] });
        return Task.CompletedTask;
    }
}
