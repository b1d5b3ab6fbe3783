using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Orchestrator.Hosting;
using Orchestrator.Notifications;
using Orchestrator.Notifications.Letters;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// The organisation's name and logo (<c>Organisation:Name</c>, <c>Organisation:LogoPath</c>) in every email and letter:
/// an email carries the logo as an inline part it shows by <c>cid:</c>, a letter as a <c>data:</c> address; a logo
/// that cannot be used stops the start-up naming the setting.
/// </summary>
public sealed class OrganisationLogoTests : IDisposable
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("orchestrator-logo-");

    public void Dispose() => _root.Delete(recursive: true);

    private OrganisationLogo Load(string relativePath) =>
        OrganisationLogo.Load(Options.Create(new OrganisationOptions { Name = "Casa Hogar", LogoPath = relativePath }), new Environment(_root.FullName));

    [Fact]
    public void An_email_shows_the_logo_as_an_inline_part_of_the_message()
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "logo.png"), Png);
        var logo = Load("logo.png");
        var catalog = TemplateCatalog.Load(Path.Combine(ApiFactory.RepositoryRoot, "templates"), new OrganisationOptions { Name = "Casa Hogar" }, logo.EmailUrl, NullLogger<TemplateCatalog>.Instance);
        var rendered = catalog.RenderEmail("task-assigned", "es", EmailModel.Sample);
        var factory = new EmailMessageFactory(new SmtpOptions { From = "avisos@casahogar.example" }, new OrganisationOptions { Name = "Casa Hogar" }, logo);

        using var message = factory.Build(new OutboxEmail(Guid.NewGuid(), "x@casahogar.example", DateTimeOffset.UnixEpoch, "ana@example.org", rendered.Subject, rendered.Text, rendered.Html));

        Assert.Contains($"<img src=\"cid:{OrganisationLogo.ContentId}\"", rendered.Html, StringComparison.Ordinal);
        var related = Assert.IsType<MultipartRelated>(Assert.IsType<MultipartAlternative>(message.Body)[1]);
        var image = Assert.IsType<MimePart>(related[1]);
        Assert.Equal(("image/png", OrganisationLogo.ContentId), (image.ContentType.MimeType, image.ContentId));
        using var bytes = new MemoryStream();
        image.Content!.DecodeTo(bytes);
        Assert.Equal(Png, bytes.ToArray());
        Assert.Equal("Casa Hogar", Assert.Single(message.From.Mailboxes).Name);

        // An HTML body that does not show the logo does not carry it either.
        using var plain = factory.Build(new OutboxEmail(Guid.NewGuid(), "y@casahogar.example", DateTimeOffset.UnixEpoch, "ana@example.org", "s", "t", "<p>h</p>"));
        Assert.IsType<TextPart>(Assert.IsType<MultipartAlternative>(plain.Body)[1]);
    }

    [Fact]
    public void A_letter_shows_the_logo_in_its_letterhead()
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "logo.png"), Png);
        var logo = Load("logo.png");
        var templates = Path.Combine(ApiFactory.RepositoryRoot, "templates");
        var catalog = TemplateCatalog.Load(templates, new OrganisationOptions { Name = "Casa Hogar" }, logo.EmailUrl, NullLogger<TemplateCatalog>.Instance);
        var letters = LetterTemplates.Load(templates, catalog, new LetterOptions(), logo.DataUrl, NullLogger<LetterTemplates>.Instance);

        var letter = letters.Render("rejection", "es", new JsonObject { ["familyName"] = "García" }, "FF-1", DateTimeOffset.UnixEpoch);

        Assert.Contains($"<img class=\"logo\" src=\"data:image/png;base64,{Convert.ToBase64String(Png)}\"", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Casa Hogar", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_logo_that_cannot_be_used_stops_the_start_naming_the_setting()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "logo.gif"), "GIF89a");
        File.WriteAllBytes(Path.Combine(_root.FullName, "empty.png"), []);

        Assert.Contains("Organisation:LogoPath", Assert.Throws<InvalidOperationException>(() => Load("missing.png")).Message, StringComparison.Ordinal);
        Assert.Contains("PNG, JPEG or SVG", Assert.Throws<InvalidOperationException>(() => Load("logo.gif")).Message, StringComparison.Ordinal);
        Assert.Contains("0 bytes", Assert.Throws<InvalidOperationException>(() => Load("empty.png")).Message, StringComparison.Ordinal);
        Assert.False(Load("").IsSet);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "Orchestrator";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
