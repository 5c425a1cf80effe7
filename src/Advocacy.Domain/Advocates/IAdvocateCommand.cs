using Advocacy.Domain.Common;

namespace Advocacy.Domain.Advocates;

/// <summary>A command that changes one existing advocate; the endpoint fills in the id, version and actor.</summary>
public interface IAdvocateCommand
{
    Guid AdvocateId { get; }
    long? ExpectedVersion { get; }
    Actor By { get; }
}
