namespace Orchestrator.Hosting;

/// <summary>The <c>Orchestrator</c> section of appsettings.json.</summary>
public sealed class OrchestratorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orchestrator";

    /// <summary>Where the service listens when neither <c>--urls</c>, <c>ASPNETCORE_URLS</c> nor <c>Urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The start of every link in emails (<c>Orchestrator:PublicBaseUrl</c>).</summary>
    public string PublicBaseUrl { get; init; } = DefaultUrl;

    /// <summary>The directory whose <c>*.bpmn</c> files are deployed at start-up; relative paths are taken from the content root (the current directory), then from the executable's directory.</summary>
    public string WorkflowsPath { get; init; } = "workflows";

    /// <summary>
    /// Where the keys that protect sign-in and anti-forgery cookies and email-action links are kept on SQLite (relative:
    /// to the content root), so that they survive a restart. On PostgreSQL the keys are in the database, shared by
    /// every node, and this folder is not used.
    /// </summary>
    public string DataProtectionKeysPath { get; init; } = "data/keys";

    /// <summary>
    /// A PKCS#12 file (<c>.pfx</c>) whose certificate encrypts the data-protection keys where they are stored (relative:
    /// to the content root); every node needs the same file. Without it the keys are stored in the clear, and whoever
    /// can read the database (or the keys folder) can forge a sign-in cookie.
    /// </summary>
    public string? DataProtectionCertificatePath { get; init; }

    /// <summary>The password of <see cref="DataProtectionCertificatePath"/> (an environment variable, not the file).</summary>
    public string? DataProtectionCertificatePassword { get; init; }

    /// <summary>How long an <c>Idempotency-Key</c> answer is kept for replay.</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The largest request body accepted (413 above it). Default 4 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The workflows directory as an absolute path, or <c>null</c> when there is none.</summary>
    /// <param name="environment">The host environment (content root).</param>
    /// <returns>The directory, or <c>null</c>.</returns>
    public string? ResolveWorkflowsDirectory(IHostEnvironment environment) => ResolveDirectory(WorkflowsPath, environment);

    /// <summary>
    /// A configured folder as an absolute path: rooted as given, else the first that exists under the content root, the
    /// current directory, then the executable's directory (where the build copies it); <c>null</c> when none exists.
    /// </summary>
    /// <param name="path">The configured path.</param>
    /// <param name="environment">The host environment (content root).</param>
    /// <returns>The directory, or <c>null</c>.</returns>
    public static string? ResolveDirectory(string path, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(environment);
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        return new[] { environment.ContentRootPath, Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Select(root => Path.GetFullPath(Path.Combine(root, path)))
            .FirstOrDefault(Directory.Exists);
    }
}
