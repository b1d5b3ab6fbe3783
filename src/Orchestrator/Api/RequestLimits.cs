using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Api;

/// <summary>
/// The lengths request values may have: those of the columns they are stored in or compared with. A longer value is
/// answered before the core runs: 400 naming the field for a body value, 404 for an id in the URL (nothing with such an
/// id can exist).
/// </summary>
internal static class RequestLimits
{
    /// <summary>Business keys, process ids, message names, correlation keys (the <c>NameLength</c> columns).</summary>
    public const int Name = Persistence.OrchestratorModel.NameLength;

    /// <summary>Instance, task and incident ids (the <c>IdLength</c> columns).</summary>
    public const int Id = Persistence.OrchestratorModel.IdLength;

    /// <summary>A 400 problem naming <paramref name="field"/>, or <c>null</c> when <paramref name="value"/> fits.</summary>
    /// <param name="field">The field's name as the client sends it.</param>
    /// <param name="value">The value.</param>
    /// <param name="max">The longest value accepted.</param>
    public static ValidationProblem? TooLong(string field, string? value, int max) =>
        value is { Length: var length } && length > max
            ? Invalid(field, $"{field} has {length} characters; at most {max} are allowed.")
            : null;

    /// <summary>A 400 problem naming <paramref name="field"/>.</summary>
    /// <param name="field">The field.</param>
    /// <param name="message">What is wrong with it.</param>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: $"Invalid {field}");

    /// <summary>A 404 problem for an id in the URL that no row can have, or <c>null</c> when it fits.</summary>
    /// <param name="what">What the id names ("process", "instance", "incident").</param>
    /// <param name="id">The id.</param>
    /// <param name="max">The longest id that can exist.</param>
    public static ProblemHttpResult? UnknownId(string what, string id, int max) =>
        id.Length > max
            ? TypedResults.Problem(title: "Not found", detail: $"No {what} has an id of {id.Length} characters (at most {max}).", statusCode: StatusCodes.Status404NotFound)
            : null;
}
