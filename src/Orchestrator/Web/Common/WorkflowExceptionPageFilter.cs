using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Orchestrator.Workflows;

namespace Orchestrator.Web.Common;

/// <summary>
/// Turns what the services refuse into the status of a page, so the person sees the friendly error page in their
/// language instead of the API's problem details: not found 404, not allowed 403 (the refusal was already audited by
/// the service), the database out of reach 503. A page that can answer better (a 409 on completing a task keeps the
/// person's input) catches the exception itself first.
/// </summary>
public sealed class WorkflowExceptionPageFilter : IAsyncPageFilter
{
    /// <inheritdoc/>
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next().ConfigureAwait(false);
        var status = executed.Exception switch
        {
            null => (int?)null,
            WorkflowNotFoundException => StatusCodes.Status404NotFound,
            WorkflowForbiddenException => StatusCodes.Status403Forbidden,
            WorkflowConflictException => StatusCodes.Status409Conflict,
            var e when Persistence.DatabaseOutage.IsOutage(e) => StatusCodes.Status503ServiceUnavailable,
            _ => null,
        };
        if (status is { } code && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            executed.Result = new StatusCodeResult(code);
            if (code == StatusCodes.Status503ServiceUnavailable)
            {
                context.HttpContext.Response.Headers.RetryAfter = Persistence.DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
