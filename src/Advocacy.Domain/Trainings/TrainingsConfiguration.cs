using JasperFx.Events.Projections;
using Marten;

namespace Advocacy.Domain.Trainings;

public static class TrainingsConfiguration
{
    public static StoreOptions AddTrainings(this StoreOptions opts)
    {
        // Inline: a session's register is read right after attendance is recorded.
        opts.Projections.Snapshot<Training>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<TrainingTrack>(SnapshotLifecycle.Inline);
        opts.Schema.For<Training>().Index(t => t.Country).Index(t => t.StartsAt).Index(t => t.TrackId);
        return opts;
    }
}
