using Orchestrator.Hosting;

namespace Orchestrator.Web.Common;

/// <summary>The organisation's logo file (<c>Organisation:LogoPath</c>), served to every page at <see cref="WorkspacePaths.Logo"/>.</summary>
public static class OrganisationLogo
{
    /// <summary>The logo's full path and content type, or <c>null</c> when none is configured or the file is missing.</summary>
    /// <param name="organisation">The settings.</param>
    /// <returns>The file, or <c>null</c>.</returns>
    public static (string Path, string ContentType)? Find(OrganisationOptions organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (string.IsNullOrWhiteSpace(organisation.LogoPath))
        {
            return null;
        }

        var path = Path.GetFullPath(organisation.LogoPath);
        if (!File.Exists(path))
        {
            return null;
        }

        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            _ => null,
        };
        return type is null ? null : (path, type);
    }
}
