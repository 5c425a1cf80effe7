using Advocacy.Domain.Advocates;
using Advocacy.Domain.Trainings;
using Advocacy.Web.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine;

namespace Advocacy.Web.Pages.Trainings;

/// <summary>One register line: who, present or absent (null: not marked yet), and whether the session's track certified them.</summary>
public record AttendanceRow(Guid TrainingId, Guid AdvocateId, string Name, string Phone, AttendanceStatus? Status, bool Certified, string? Error = null)
{
    /// <summary>Set in the answer to a tap: the session's new "present" figure, swapped out of band into the page's header.</summary>
    public string? Present { get; init; }
}

/// <summary>
/// A session and its register, made for a phone: one tap per advocate marks present or absent, each an htmx post of its
/// own line, so a dropped connection loses at most that tap. Walk-ins are found by search and marked present.
/// </summary>
public class TrainingModel(IQuerySession session, IMessageBus bus, IAuthorizationService authorization) : PageModel
{
    public const int SearchResults = 10;

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Training Training { get; private set; } = null!;
    public TrainingTrack? Track { get; private set; }
    public IReadOnlyList<AttendanceRow> Register { get; private set; } = [];
    public IReadOnlyList<Advocate> Found { get; private set; } = [];
    public bool CanTakeAttendance { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Load(ct)) return NotFound();
        if (!string.IsNullOrWhiteSpace(Q) && CanTakeAttendance)
        {
            var onRegister = Register.Select(r => r.AdvocateId).ToHashSet();
            Found = (await AdvocateSearch.Find(session, new AdvocateFilter(Q: Q.Trim()), 1, SearchResults + onRegister.Count, ct)).Items
                .Where(a => !onRegister.Contains(a.Id)).Take(SearchResults).ToList();
        }
        return Page();
    }

    /// <summary>One tap: the line as a partial for htmx, the whole page again for a plain form post.</summary>
    public async Task<IActionResult> OnPostMarkAsync(Guid advocateId, AttendanceStatus status, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded) return Forbid();
        var command = new RecordAttendance([new AttendanceEntry(advocateId, status)]) { TrainingId = Id, By = User.ToActor() };
        var done = await this.SendAsync(bus, command, ct, problemField: "entries") is not null;
        var error = done ? null : string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        if (!await Load(ct)) return NotFound();
        if (Request.Headers.ContainsKey("HX-Request") && Register.FirstOrDefault(r => r.AdvocateId == advocateId) is { } row)
            return Partial("_AttendanceRow", row with { Error = error, Present = PresentFigure });
        if (done) return Redirect($"/trainings/{Id}#register");
        return Page();
    }

    private async Task<bool> Load(CancellationToken ct)
    {
        if (await session.LoadAsync<Training>(Id, ct) is not { } training) return false;
        Training = training;
        Track = training.TrackId is { } trackId ? await session.LoadAsync<TrainingTrack>(trackId, ct) : null;
        CanTakeAttendance = (await authorization.AuthorizeAsync(User, Policies.ManageNetwork)).Succeeded;
        var advocates = (await session.LoadManyAsync<Advocate>(ct, training.Attendance.Select(l => l.AdvocateId).ToArray())).ToDictionary(a => a.Id);
        Register = training.Attendance.Select(l => advocates.GetValueOrDefault(l.AdvocateId) is { } a
                ? new AttendanceRow(Id, a.Id, a.Name, a.Phone, l.Status, IsCertified(a))
                : new AttendanceRow(Id, l.AdvocateId, "(unknown advocate)", "", l.Status, false))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return true;
    }

    public string PresentFigure => $"{Training.AttendedCount} of {Training.Capacity} places";

    private bool IsCertified(Advocate a) => Track is { } track && a.Certifications.Any(c => c.TrackId == track.Id);
}
