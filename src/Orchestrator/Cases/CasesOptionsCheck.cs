using Microsoft.Extensions.Options;

namespace Orchestrator.Cases;

/// <summary>Refuses, at start-up, settings of the open door, the programmes and the sensitive readers that cannot work, naming the setting.</summary>
internal sealed class CasesOptionsCheck : IValidateOptions<CasesOptions>
{
    public ValidateOptionsResult Validate(string? name, CasesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
