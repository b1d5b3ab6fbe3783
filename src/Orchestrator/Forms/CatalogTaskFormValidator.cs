using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Workflows;

namespace Orchestrator.Forms;

/// <summary>
/// The workflow service's form check (<see cref="ITaskFormValidator"/>) over a <see cref="FormCatalog"/>.
/// </summary>
/// <param name="catalog">The deployed forms.</param>
/// <param name="rejectUnknownForms">
/// What a form key that names no deployed form means: false (the default) accepts the data, as a
/// task without a form; true refuses it with one <c>(form)</c> error.
/// </param>
public sealed class CatalogTaskFormValidator(FormCatalog catalog, bool rejectUnknownForms = false) : ITaskFormValidator
{
    private readonly FormCatalog _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));

    /// <inheritdoc/>
    public IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables) =>
        Validate(formKey, data, FeelContext.FromJson(taskVariables ?? throw new ArgumentNullException(nameof(taskVariables))));

    /// <summary>Checks the data a task is completed with against the task's form.</summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="variables">The instance's variables when the task was opened (see <see cref="FormValidator.Validate"/>).</param>
    /// <returns>The errors; empty when the data is valid.</returns>
    public IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, FeelContext? variables)
    {
        ArgumentNullException.ThrowIfNull(formKey);
        ArgumentNullException.ThrowIfNull(data);
        if (_catalog.TryValidate(formKey, data, variables, out var errors))
        {
            return errors;
        }

        return rejectUnknownForms
            ? [new FormFieldError("(form)", $"the task's form '{formKey}' is not deployed, so the data cannot be checked")]
            : [];
    }
}
