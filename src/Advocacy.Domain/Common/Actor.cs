namespace Advocacy.Domain.Common;

/// <summary>Who is acting: the API key's owner, the system, or an advocate by SMS. Recorded on every event.</summary>
public record Actor(string Name, string Role)
{
    public static readonly Actor System = new("system", "System");
}
