namespace Orchestrator.Web.Common;

/// <summary>The addresses of the workspace's pages that other code links to (emails, redirects, the navigation).</summary>
public static class WorkspacePaths
{
    /// <summary>The inbox: where a signed-in person lands.</summary>
    public const string Inbox = "/";

    /// <summary>The cases list; a case file is <c>/cases/{reference}</c>.</summary>
    public const string Cases = "/cases";

    /// <summary>The designer: where a person whose only work is designing journeys lands.</summary>
    public const string Designer = "/designer";

    /// <summary>Supervision: where journeys are, deadlines at risk, incidents (coordinators and admins).</summary>
    public const string Supervision = "/supervision";

    /// <summary>Administration: staff accounts and the outbox (admins), the audit (data managers and admins).</summary>
    public const string Administration = "/administration";

    /// <summary>The organisation's logo (<c>Organisation:LogoPath</c>).</summary>
    public const string Logo = "/organisation/logo";
}
