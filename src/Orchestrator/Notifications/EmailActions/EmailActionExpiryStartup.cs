namespace Orchestrator.Notifications.EmailActions;

/// <summary>Schedules the expiries of the window once the host has started (after the migrations and the scheduler's own start-up).</summary>
internal sealed class EmailActionExpiryStartup(EmailActionExpiryScheduler expiries) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // StartedAsync runs after every hosted service's StartAsync: the database is migrated by then whatever the
    // registration order (the notifications register before the start-up initializer).
    public Task StartedAsync(CancellationToken cancellationToken) => expiries.RescheduleAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => expiries.WhenScheduledAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
