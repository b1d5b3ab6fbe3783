using Microsoft.Extensions.Configuration;
using Orchestrator.Notifications;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// Settings that moved (the organisation's name, language and zone to <c>Organisation</c>; TLS to
/// <c>Smtp:Security</c>) stop the start-up naming where they went, instead of being ignored while every email shows
/// another name.
/// </summary>
public sealed class MovedSettingsTests
{
    [Theory]
    [InlineData("Notifications:OrganisationName", "Casa Hogar", "Organisation:Name")]
    [InlineData("Notifications:DefaultLanguage", "en", "Organisation:DefaultLanguage")]
    [InlineData("Notifications:TimeZone", "America/Tijuana", "Organisation:TimeZone")]
    [InlineData("Smtp:EnableSsl", "true", "Smtp:Security")]
    public void A_moved_setting_stops_the_start_naming_its_new_place(string setting, string value, string newPlace)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(setting, value)]).Build();

        var e = Assert.Throws<InvalidOperationException>(() => NotificationServiceCollectionExtensions.RefuseMovedSettings(configuration));

        Assert.Contains($"The setting {setting} is no longer read; set {newPlace}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_of_today_and_an_old_EnableSsl_false_start()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Api.ApiFactory.RepositoryRoot, "appsettings.json"))
            .AddInMemoryCollection([new("Smtp:EnableSsl", "false")]).Build();

        NotificationServiceCollectionExtensions.RefuseMovedSettings(configuration);
    }
}
