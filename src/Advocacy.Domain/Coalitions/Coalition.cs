namespace Advocacy.Domain.Coalitions;

public record CoalitionMember(Guid MemberId, MemberKind Kind, Guid? AdvocateId, string Name, DateOnly JoinedOn, DateOnly? LeftOn)
{
    public bool IsCurrent => LeftOn is null;
}

/// <summary>A national NGO coalition or CHW association with every membership it ever had, stored inline.</summary>
public record Coalition(Guid Id, string Name, string Country, CoalitionKind Kind, string FocalPoint, string FormedBy, DateTimeOffset FormedAt)
{
    public long Version { get; set; }
    public List<CoalitionMember> Members { get; init; } = [];
    public int CurrentMembers { get; init; }
    public string? FocalPointEmail { get; init; }

    public static Coalition Create(CoalitionFormed e) =>
        new(e.CoalitionId, e.Name, e.Country, e.Kind, e.FocalPoint, e.FormedBy, e.FormedAt) { FocalPointEmail = e.FocalPointEmail };

    public Coalition Apply(MemberJoined e) =>
        WithMembers([.. Members, new CoalitionMember(e.MemberId, e.Kind, e.AdvocateId, e.Name, e.JoinedOn, null)]);

    public Coalition Apply(MemberLeft e) =>
        WithMembers(Members.Select(m => m.MemberId == e.MemberId ? m with { LeftOn = e.LeftOn } : m).ToList());

    /// <summary>The current membership of this advocate, or of the organisation by name (case-insensitive).</summary>
    public CoalitionMember? CurrentMembership(Guid? advocateId, string name) => Members.FirstOrDefault(m => m.IsCurrent &&
        (advocateId is { } id ? m.AdvocateId == id : m.AdvocateId is null && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)));

    private Coalition WithMembers(List<CoalitionMember> members) =>
        this with { Members = members, CurrentMembers = members.Count(m => m.IsCurrent) };
}
