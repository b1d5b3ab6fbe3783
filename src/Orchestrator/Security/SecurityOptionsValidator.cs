using System.Globalization;
using Microsoft.Extensions.Options;

namespace Orchestrator.Security;

/// <summary>Checks <see cref="SecurityOptions"/> at start-up, so a bad key configuration stops the service with a clear message.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    /// <summary>The shortest secret accepted for an API key.</summary>
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"Security:ApiKeys:{i}");
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                failures.Add($"{where}: 'name' is required.");
            }
            else if (!names.Add(key.Name))
            {
                failures.Add($"{where}: the name '{key.Name}' is used twice.");
            }

            var hashed = key.Key.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase);
            if (hashed && (key.Key.Length != 7 + 64 || !key.Key.AsSpan(7).ContainsOnlyHex()))
            {
                failures.Add($"{where}: 'key' starting with sha256: must be followed by 64 hex digits.");
            }
            else if (!hashed && key.Key.Length < MinimumKeyLength)
            {
                failures.Add($"{where}: 'key' must be at least {MinimumKeyLength} characters.");
            }

            if (key.Roles.Count == 0)
            {
                failures.Add($"{where}: 'roles' must name at least one role.");
            }

            foreach (var role in key.Roles.Where(role => !Roles.IsKnown(role)))
            {
                failures.Add($"{where}: unknown role '{role}' (known: {string.Join(", ", Roles.All)}).");
            }
        }

        if (options.IdleTimeout < TimeSpan.FromMinutes(1))
        {
            failures.Add("Security:IdleTimeout must be at least one minute (00:01:00).");
        }

        if (options.IdleWarning <= TimeSpan.Zero || options.IdleWarning >= options.IdleTimeout)
        {
            failures.Add("Security:IdleWarning must be positive and shorter than Security:IdleTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
