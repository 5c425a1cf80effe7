namespace Advocacy.Domain.Coalitions;

public enum CoalitionKind { NgoCoalition, ChwAssociation }

public enum MemberKind { Advocate, Organisation }

/// <summary><c>FocalPointEmail</c> (optional, added later) is where policy news for the country reaches the focal point.</summary>
public record CoalitionFormed(
    Guid CoalitionId, string Name, string Country, CoalitionKind Kind, string FocalPoint, string FormedBy, DateTimeOffset FormedAt,
    string? FocalPointEmail = null);

/// <summary>
/// A membership begins. <c>MemberId</c> names this membership (not the person): leaving and joining again
/// is a second membership, so the history keeps both periods.
/// </summary>
public record MemberJoined(
    Guid CoalitionId, Guid MemberId, MemberKind Kind, Guid? AdvocateId, string Name, DateOnly JoinedOn, string JoinedBy, DateTimeOffset JoinedAt);

public record MemberLeft(Guid CoalitionId, Guid MemberId, DateOnly LeftOn, string RecordedBy, DateTimeOffset RecordedAt);

// Mirrored on the advocate's stream, so their profile, timeline and the coalition filter see them.

public record JoinedCoalition(
    Guid AdvocateId, Guid CoalitionId, Guid MemberId, string CoalitionName, DateOnly JoinedOn, string JoinedBy, DateTimeOffset JoinedAt);

public record LeftCoalition(Guid AdvocateId, Guid CoalitionId, Guid MemberId, string CoalitionName, DateOnly LeftOn, string RecordedBy, DateTimeOffset LeftAt);
