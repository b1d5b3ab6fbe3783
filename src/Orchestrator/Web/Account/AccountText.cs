namespace Orchestrator.Web.Account;

/// <summary>The words of the sign-in and password pages (<c>AccountText.resx</c>: es-MX; <c>AccountText.en.resx</c>).</summary>
public sealed class AccountText;
