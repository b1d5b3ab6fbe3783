namespace Orchestrator.Cases;

/// <summary>
/// The one input check of the case domain: what the API's requests and the journeys' job variables must look like
/// (present, one of a vocabulary, dates in order), each failure a <see cref="CaseInputException"/> naming the field or
/// variable. Rules about the case itself (capacity, ages, lifecycles) are not here but in <see cref="CaseRules"/> and
/// on the entities.
/// </summary>
public static class CaseInput
{
    /// <summary>What a required field says when it is missing.</summary>
    public const string MissingField = "is required.";

    /// <summary>What a required job variable says when it is missing.</summary>
    public const string MissingVariable = "the variable is missing (or empty).";

    /// <summary>The value, or bad input naming <paramref name="field"/> when it is missing or blank.</summary>
    /// <param name="value">The value.</param>
    /// <param name="field">The field or variable.</param>
    /// <param name="problem">What to say (<see cref="MissingField"/> or <see cref="MissingVariable"/>).</param>
    /// <exception cref="CaseInputException">Missing or blank.</exception>
    public static string Require(string? value, string field, string problem = MissingField) =>
        string.IsNullOrWhiteSpace(value) ? throw new CaseInputException(field, problem) : value;

    /// <summary>The value, or bad input naming <paramref name="field"/> when it is not one of <paramref name="allowed"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="allowed">The vocabulary.</param>
    /// <param name="field">The field or variable.</param>
    /// <exception cref="CaseInputException">Missing or not in the vocabulary.</exception>
    public static string OneOf(string? value, IReadOnlyList<string> allowed, string field)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return value is not null && allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new CaseInputException(field, $"'{value}' is not one of {string.Join(", ", allowed)}.");
    }

    /// <summary>The value, or bad input naming <paramref name="field"/> when it is longer than its column keeps.</summary>
    /// <param name="value">The value (none: nothing to check).</param>
    /// <param name="max">The column's length.</param>
    /// <param name="field">The field or variable.</param>
    /// <exception cref="CaseInputException">Too long.</exception>
    public static string? Fits(string? value, int max, string field) =>
        value is { Length: var length } && length > max ? throw new CaseInputException(field, $"is {length} characters long; at most {max} are kept.") : value;

    /// <summary>Bad input naming <paramref name="laterField"/> when <paramref name="later"/> comes before <paramref name="earlier"/>.</summary>
    /// <param name="earlier">The start (none: nothing to check).</param>
    /// <param name="later">The end (none: nothing to check).</param>
    /// <param name="laterField">The end's field.</param>
    /// <param name="earlierField">The start's field.</param>
    /// <exception cref="CaseInputException">The end comes first.</exception>
    public static void InOrder(DateOnly? earlier, DateOnly? later, string laterField, string earlierField)
    {
        if (earlier is { } s && later is { } e && e < s)
        {
            throw new CaseInputException(laterField, $"comes before {earlierField}.");
        }
    }

    /// <summary>
    /// A user or actor id cut to the length of the columns that keep it (<see cref="CaseModel.NameLength"/>): an API
    /// key's name or an outside recipient's address can be longer than a person's id.
    /// </summary>
    /// <param name="value">The id.</param>
    public static string Limit(string value) => Persistence.ColumnText.Fit(value, CaseModel.NameLength);
}
