using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Orchestrator.Security;
using Orchestrator.Tasks;

namespace Orchestrator.Api;

/// <summary>
/// <c>GET /api/tasks/events</c>: a server-sent event stream telling an open inbox that one of its tasks appeared,
/// changed hands or ended (<c>event: task</c>, data <c>{"id","change"}</c>: only the id and the kind), on this node or
/// on another (<see cref="TaskChangeFeed"/>). A comment every 20 seconds keeps proxies from closing it. The stream
/// never renews the sign-in session (<see cref="SessionPassiveMetadata"/>), and ends when the service stops.
/// </summary>
internal static class TaskEventEndpoints
{
    /// <summary>How often an idle stream sends a keep-alive comment.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapTaskEventEndpoints(this RouteGroupBuilder tasks)
    {
        tasks.MapGet("/events", StreamAsync)
            .WithMetadata(SessionPassiveMetadata.Instance)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Live changes of the caller's tasks (server-sent events)")
            .WithDescription("event: task, data: {\"id\": task id, \"change\": created | assigned | completed | cancelled | resync}. Reconnect with EventSource; refresh the list on each event.");
    }

    private static async Task StreamAsync(HttpContext http, TaskChangeFeed feed, IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var actor = http.User.ToActor();
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        using var subscription = feed.Subscribe();
        try
        {
            await response.WriteAsync("retry: 3000\n: connected\n\n", stop.Token).ConfigureAwait(false);
            await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            while (true)
            {
                bool more;
                using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    quiet.CancelAfter(Heartbeat);
                    try
                    {
                        more = await subscription.Reader.WaitToReadAsync(quiet.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        await response.WriteAsync(": keep-alive\n\n", stop.Token).ConfigureAwait(false);
                        await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                        continue;
                    }
                }

                if (!more)
                {
                    return;
                }

                var events = new StringBuilder();
                while (subscription.Reader.TryRead(out var change))
                {
                    if (change.Concerns(actor))
                    {
                        events.Append("event: task\ndata: ").Append(JsonSerializer.Serialize(new TaskEvent(change.TaskId, change.Kind), Json)).Append("\n\n");
                    }
                }

                if (events.Length > 0)
                {
                    await response.WriteAsync(events.ToString(), stop.Token).ConfigureAwait(false);
                    await response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser left or the service is stopping: the stream simply ends (EventSource reconnects).
        }
    }

    /// <summary>What a browser learns of a change.</summary>
    private sealed record TaskEvent(string Id, string Change);
}
