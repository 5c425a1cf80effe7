using Advocacy.Domain.Trainings;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Trainings;

/// <summary>Sessions to come (soonest first) or past (latest first), and the form that schedules one for Coordinators.</summary>
public class IndexModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public bool Past { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? Topic { get; set; }
    [BindProperty] public Guid? TrackId { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public bool Online { get; set; }
    [BindProperty] public string? StartsAt { get; set; }
    [BindProperty] public string? Facilitator { get; set; }
    [BindProperty] public int? Capacity { get; set; } = 30;

    public IReadOnlyList<Training> Trainings { get; private set; } = [];
    public long Total { get; private set; }
    public int PageCount => (int)((Total + PageSize - 1) / PageSize);
    public IReadOnlyList<TrainingTrack> Tracks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PageNumber < 1) PageNumber = 1;
        var now = clock.GetUtcNow();
        var query = Past ? session.Query<Training>().Where(t => t.StartsAt < now) : session.Query<Training>().Where(t => t.StartsAt >= now);
        var ordered = Past ? query.OrderByDescending(t => t.StartsAt) : query.OrderBy(t => t.StartsAt);
        Trainings = await ordered.ThenBy(t => t.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Total = await query.LongCountAsync(ct);
        Tracks = await session.Query<TrainingTrack>().OrderBy(t => t.Name).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded) return Forbid();
        var command = new ScheduleTraining(Topic?.Trim(), TrackId, Country?.Trim().ToUpperInvariant(), Venue?.Trim(), Online,
            StartsAt, null, Facilitator?.Trim(), Capacity) { By = User.ToActor() };
        if (await this.SendAsync(bus, command, ct, problemField: nameof(TrackId)) is { } outcome) return Redirect($"/trainings/{outcome.Id}");
        await OnGetAsync(ct);
        return Page();
    }

    public string PageUrl(int page) => Url.Page("/Trainings/Index", new { past = Past ? "true" : null, p = page })!;
}
