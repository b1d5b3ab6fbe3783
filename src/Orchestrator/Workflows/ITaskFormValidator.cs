using System.Text.Json.Nodes;
using Orchestrator.Forms;

namespace Orchestrator.Workflows;

/// <summary>Validates the data a task is completed with against the task's form (adapter over the form catalog).</summary>
public interface ITaskFormValidator
{
    /// <summary>Checks the data; returns the errors (empty when valid). Unknown form keys are the validator's call.</summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="taskVariables">
    /// What the task sees, i.e. what its form was opened with: read-only fields must keep these values, options
    /// and bounds may come from them, and hide conditions read them.
    /// </param>
    IReadOnlyList<FormFieldError> Validate(string formKey, JsonObject data, JsonObject taskVariables);

    /// <summary>
    /// Checks the data against the form of the task's own process version (a task keeps the form it was created with,
    /// whatever is deployed later). By default the same as <see cref="Validate"/>.
    /// </summary>
    /// <param name="formKey">The task's form key.</param>
    /// <param name="data">The submitted variables.</param>
    /// <param name="taskVariables">What the task sees (see <see cref="Validate"/>).</param>
    /// <param name="processId">The task's process id.</param>
    /// <param name="processVersion">The task's process version.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IReadOnlyList<FormFieldError>> ValidateAsync(string formKey, JsonObject data, JsonObject taskVariables, string processId, int processVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Validate(formKey, data, taskVariables));
}
