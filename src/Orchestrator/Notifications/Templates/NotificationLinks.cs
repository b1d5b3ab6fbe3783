namespace Orchestrator.Notifications.Templates;

/// <summary>
/// The one place links in emails are built: every link starts with <c>Orchestrator:PublicBaseUrl</c> and leads to a
/// page behind the sign-in (the case, the task), never to data in the link itself.
/// </summary>
public sealed class NotificationLinks
{
    private readonly string _base;

    /// <summary>Creates the builder.</summary>
    /// <param name="publicBaseUrl">The service's public address (<c>Orchestrator:PublicBaseUrl</c>).</param>
    /// <exception cref="ArgumentException">The address is not an absolute http(s) URL.</exception>
    public NotificationLinks(string publicBaseUrl)
    {
        if (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Orchestrator:PublicBaseUrl '{publicBaseUrl}' is not an absolute http(s) address; links in emails start with it.", nameof(publicBaseUrl));
        }

        _base = uri.ToString().TrimEnd('/');
    }

    /// <summary>The case page: <c>{PublicBaseUrl}/cases/{caseReference}</c>.</summary>
    /// <param name="caseReference">The business key (or the instance id when the case has none).</param>
    public Uri Case(string caseReference) => Build("cases", caseReference);

    /// <summary>The task in the inbox: <c>{PublicBaseUrl}/tasks/{taskId}</c>.</summary>
    /// <param name="taskId">The task id.</param>
    public Uri Task(string taskId) => Build("tasks", taskId);

    /// <summary>Any other page of the service, from a path (<c>/act/…</c>).</summary>
    /// <param name="path">The path, starting with <c>/</c>; segments already escaped.</param>
    public Uri Page(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new Uri(_base + (path.StartsWith('/') ? path : "/" + path));
    }

    /// <summary>The case reference of an instance: its business key, else its id.</summary>
    /// <param name="businessKey">The business key.</param>
    /// <param name="instanceId">The instance id.</param>
    public static string CaseReference(string? businessKey, string instanceId) => string.IsNullOrWhiteSpace(businessKey) ? instanceId : businessKey;

    private Uri Build(string section, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new Uri($"{_base}/{section}/{Uri.EscapeDataString(id)}");
    }
}
