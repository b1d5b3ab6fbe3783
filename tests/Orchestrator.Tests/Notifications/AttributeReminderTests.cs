using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Security;

namespace Orchestrator.Tests.Notifications;

/// <summary>
/// orc:reminder and orc:escalateAfter on a task (no drawn boundary events): the engine's notifications become emails
/// in the same transaction as the timer's firing, and the escalation group finds the task in its inbox.
/// </summary>
public sealed class AttributeReminderTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task Reminders_go_to_the_candidate_group_and_the_escalation_to_the_coordinators_who_then_see_the_task()
    {
        var id = await factory.StartAsync("AttributeReminders", [], "CA-2030-0077");
        Assert.Empty(await factory.OutboxAsync(id)); // orc:notify="none": nobody is told at creation

        await factory.FireEarliestTimerAsync(id); // day 1: first reminder
        var afterFirst = await factory.OutboxAsync(id);
        Assert.Equal(["lucia@staff.example.org", "luis@staff.example.org"], afterFirst.Select(e => e.Email.To).Order(StringComparer.Ordinal));
        Assert.All(afterFirst, e => Assert.Equal("task-reminder", e.Email.Template));
        Assert.Equal("en", afterFirst.Single(e => e.Email.To.StartsWith("luis", StringComparison.Ordinal)).Email.Language);

        await factory.FireEarliestTimerAsync(id); // day 2: second and last reminder (R2)
        await factory.FireEarliestTimerAsync(id); // day 3: escalation
        var all = await factory.OutboxAsync(id);
        Assert.Equal(4, all.Count(e => e.Email.Template == "task-reminder"));
        var escalation = Assert.Single(all, e => e.Email.Template == "task-escalated");
        Assert.Equal("carla@staff.example.org", escalation.Email.To);
        Assert.Contains("CA-2030-0077", escalation.Email.Subject, StringComparison.Ordinal);

        // The task stays open and is now offered to the coordinator group as well.
        var tasks = await factory.ClientAs(Roles.Coordinator).GetFromJsonAsync<JsonArray>($"/api/tasks?instanceId={id}&candidateGroup=coordinator");
        var task = Assert.Single(tasks!);
        Assert.Contains("coordinator", task!["candidateGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Contains("lawyer", task["candidateGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
    }
}
