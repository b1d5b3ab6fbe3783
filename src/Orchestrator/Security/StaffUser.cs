using Microsoft.AspNetCore.Identity;

namespace Orchestrator.Security;

/// <summary>A member of staff who signs in (ASP.NET Core Identity user, stored in <c>AspNetUsers</c>).</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>The name shown in the inbox and the audit trail.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The preferred language of emails and the UI (<c>es</c> by default).</summary>
    public string Language { get; set; } = "es";
}
