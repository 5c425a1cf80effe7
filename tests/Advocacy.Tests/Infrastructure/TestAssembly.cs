// Hangfire keeps process-wide statics (JobStorage.Current among them), so two app hosts alive in one test process
// would share one job store, and hosts read their settings from the environment. Every collection that starts the app
// (app, messaging, hardening, browser, faults) is declared with DisableParallelization: xunit runs those one after
// another, after the collections that start no app (pure rules, the SMTP and Twilio clients against loopback fakes),
// which run in parallel with each other.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass)]
