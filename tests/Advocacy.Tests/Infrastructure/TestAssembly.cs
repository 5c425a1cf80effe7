// Hangfire keeps process-wide statics (JobStorage.Current among them), so two app hosts alive in one test
// process would share one job store. Collections run one after another; each host lives only for its collection.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
