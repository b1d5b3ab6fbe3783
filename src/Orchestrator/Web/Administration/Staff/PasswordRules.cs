using Microsoft.Extensions.Localization;

namespace Orchestrator.Web.Administration.Staff;

/// <summary>
/// The checks the account pages make before the service does (in the person's language): a password of at least 12
/// characters typed twice the same; and where a refusal of the service belongs (its messages name the field first).
/// </summary>
public static class PasswordRules
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinLength = 12;

    /// <summary>Adds the password's problems to <paramref name="errors"/> (fields <c>password</c>, <c>confirmPassword</c>).</summary>
    /// <param name="password">The password.</param>
    /// <param name="confirm">The password, again.</param>
    /// <param name="errors">The page's errors.</param>
    /// <param name="text">The words.</param>
    public static void Check(string? password, string? confirm, Dictionary<string, string> errors, IStringLocalizer<AdministrationText> text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            errors["password"] = text["Error_PasswordShort", MinLength];
        }
        else if (!string.Equals(password, confirm, StringComparison.Ordinal))
        {
            errors["confirmPassword"] = text["Error_PasswordMismatch"];
        }
    }

    /// <summary>Puts a refusal of <see cref="Orchestrator.Security.StaffAdministration"/> at its field.</summary>
    /// <param name="message">The service's message (it starts with the field's name).</param>
    /// <param name="errors">The page's errors.</param>
    /// <param name="text">The words.</param>
    public static void Place(string message, Dictionary<string, string> errors, IStringLocalizer<AdministrationText> text)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        // Identity's own descriptions name the user name ("Username 'a b' is invalid…"); the service's start with the field.
        if (message.Contains("Username", StringComparison.OrdinalIgnoreCase) || message.Contains("User name", StringComparison.OrdinalIgnoreCase))
        {
            errors["userName"] = text["Error_UserNameCharacters"];
        }
        else if (message.StartsWith("email", StringComparison.Ordinal))
        {
            errors["email"] = text["Error_Email"];
        }
        else if (message.StartsWith("roles", StringComparison.Ordinal))
        {
            errors["roles"] = text["Error_RolesRequired"];
        }
        else
        {
            errors["password"] = text["Error_PasswordRules", MinLength];
        }
    }
}
