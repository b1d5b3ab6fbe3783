namespace Orchestrator.Tests.Infrastructure;

/// <summary>An xunit collection sharing one <see cref="MailDevServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MailDevGroup : ICollectionFixture<MailDevServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "MailDev";
}
