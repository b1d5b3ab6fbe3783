using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Hosting;

/// <summary>
/// Turns the exceptions of the workflow core and of request binding into RFC 7807 problem details:
/// not found 404, conflict 409, forbidden 403, invalid BPMN 422 (<c>errors:[{"elementId","code","message"}]</c>),
/// invalid form data 422 (<c>errors:[{"field","message"}]</c>), malformed JSON 400 naming the problem, a body over
/// the limit 413, the database unavailable or full 503 with <c>Retry-After</c> (<see cref="DatabaseOutage"/>: the
/// client retries; a bare 500 would say our code is broken). Anything else falls through to the default 500 problem
/// (logged, with no details to the caller).
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        var status = problem.Status!.Value;
        var detail = problem.Detail;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            HostLog.DatabaseUnavailable(logger, exception.GetBaseException().Message, httpContext.Request.Method, httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            HostLog.Answered(logger, status, detail);
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>The problem details for an exception the API knows, or <c>null</c>.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The problem, or <c>null</c>.</returns>
    internal static ProblemDetails? ToProblem(Exception exception)
    {
        if (DatabaseOutage.Classify(exception) is { } outage)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, outage == DatabaseOutageKind.Full ? "Database full" : "Database unavailable", DatabaseOutage.Describe(outage));
        }

        switch (exception)
        {
            case WorkflowNotFoundException e:
                return Problem(StatusCodes.Status404NotFound, "Not found", e.Message);
            case WorkflowConflictException e:
                return Problem(StatusCodes.Status409Conflict, "Conflict", e.Message);
            case WorkflowForbiddenException e:
                return Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message);
            case WorkflowValidationException e:
            {
                var problem = Problem(StatusCodes.Status422UnprocessableEntity, "Invalid BPMN", e.Message);
                problem.Extensions["errors"] = e.Problems
                    .Select(p => new BpmnError(p.ElementId, p.Code, p.Message))
                    .ToList();
                return problem;
            }

            case Orchestrator.Forms.FormValidationException e:
            {
                var problem = Problem(StatusCodes.Status422UnprocessableEntity, "Invalid form data", e.Message);
                problem.Extensions["errors"] = e.Errors.Select(f => new FieldError(f.Field, f.Message)).ToList();
                return problem;
            }

            case AntiforgeryValidationException:
                return Problem(StatusCodes.Status400BadRequest, "Anti-forgery token missing or invalid", "Send the token from GET /account/antiforgery in the X-CSRF-TOKEN header.");
            case BadHttpRequestException e:
                return Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", Describe(e));
            case JsonException e:
                return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", DescribeJson(e));
            case ArgumentException e when e is not ArgumentNullException:
                // The workflow core rejects values it cannot take (a business key too long, …) before changing anything.
                return Problem(StatusCodes.Status400BadRequest, "Bad request", e.Message);
            default:
                return null;
        }
    }

    private static string Describe(Exception exception)
    {
        // A body that is not the JSON the endpoint takes: the reader's own words (what, where), never the framework's
        // "Failed to read parameter "CompleteTaskRequest body"" nor the .NET type it was read into.
        if (exception.InnerException is JsonException json)
        {
            return DescribeJson(json);
        }

        return exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
    }

    /// <summary>The JSON reader's words without .NET type names, with where it stopped (path, line, position counted from 1).</summary>
    internal static string DescribeJson(JsonException exception)
    {
        // "The JSON value could not be converted to Orchestrator.Api.CompleteTaskRequest. Path: $ | LineNumber: 0 | …"
        var words = exception.Message;
        var at = words.IndexOf(" Path: ", StringComparison.Ordinal);
        if (at >= 0)
        {
            words = words[..at];
        }

        const string ConvertedTo = "converted to ";
        var type = words.IndexOf(ConvertedTo, StringComparison.Ordinal);
        if (type >= 0)
        {
            words = words[..(type + ConvertedTo.Length)] + "the type this field takes";
        }

        words = words.Trim().TrimEnd('.');
        if (words.Length == 0)
        {
            words = "The JSON could not be read";
        }

        var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";
        if (exception.LineNumber is { } line)
        {
            where += $" (line {line + 1}, position {(exception.BytePositionInLine ?? 0) + 1})";
        }

        return $"The request body is not the JSON this request takes: {words}{where}.";
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>One BPMN problem in a 422 answer.</summary>
    internal sealed record BpmnError(string ElementId, string Code, string Message);

    /// <summary>One form field problem in a 422 answer.</summary>
    internal sealed record FieldError(string Field, string Message);
}
