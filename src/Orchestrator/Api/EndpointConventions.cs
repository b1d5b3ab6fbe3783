namespace Orchestrator.Api;

/// <summary>Endpoint conventions shared by the API groups.</summary>
internal static class EndpointConventions
{
    /// <summary>Adds a logging scope carrying a route id.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="routeValue">The route parameter.</param>
    /// <param name="scopeName">The log property.</param>
    /// <returns>The builder.</returns>
    public static TBuilder WithLogScope<TBuilder>(this TBuilder builder, string routeValue, string scopeName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new LoggingScopeFilter(routeValue, scopeName));

    /// <summary>Marks a command endpoint: accepts <c>Idempotency-Key</c>.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The builder.</returns>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>().WithMetadata(IdempotentMetadata.Instance);
}
