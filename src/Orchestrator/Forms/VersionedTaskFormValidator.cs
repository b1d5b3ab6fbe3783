using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.Feel;
using Orchestrator.Workflows;

namespace Orchestrator.Forms;

/// <summary>
/// The workflow service's form check: a task's data is checked against the form its process version was deployed with
/// (<see cref="DeployedForms.ForTaskAsync"/>), so a task opened before a designer changed the form is completed with the
/// form it was shown. Those forms never change, so each is read from the database once per process and kept. A task
/// whose version recorded no form (deployed before forms were versioned) is checked against the newest form, as
/// <see cref="CatalogTaskFormValidator"/> does; a form key no form has is accepted, as a task without a form.
/// </summary>
/// <param name="catalog">The newest forms.</param>
/// <param name="scopes">For the database reads.</param>
public sealed class VersionedTaskFormValidator(FormCatalog catalog, IServiceScopeFactory scopes) : ITaskFormValidator
{
    private readonly CatalogTaskFormValidator _newest = new(catalog);
    private readonly ConcurrentDictionary<(string ProcessId, int Version, string FormKey), FormSchema> _recorded = new();

    /// <inheritdoc/>
    public IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables) =>
        _newest.Validate(formKey, data, taskVariables);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<FormFieldError>> ValidateAsync(string formKey, JsonObject data, JsonObject taskVariables, string processId, int processVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(taskVariables);
        var schema = await RecordedFormAsync(processId, processVersion, formKey, cancellationToken).ConfigureAwait(false);
        return schema is null ? Validate(formKey, data, taskVariables) : catalog.Validate(schema, data, FeelContext.FromJson(taskVariables));
    }

    private async Task<FormSchema?> RecordedFormAsync(string processId, int version, string formKey, CancellationToken ct)
    {
        if (_recorded.TryGetValue((processId, version, formKey), out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var forms = await scope.ServiceProvider.GetRequiredService<DeployedForms>().OfDefinitionAsync(processId, version, ct).ConfigureAwait(false);
        if (!forms.TryGetValue(formKey, out var form))
        {
            return null;
        }

        var schema = FormSchema.Parse(form.Schema, form.Key + ".form");
        _recorded.TryAdd((processId, version, formKey), schema);
        return schema;
    }
}
