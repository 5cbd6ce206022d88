// Hangfire keeps its configuration in process-wide statics (JobStorage.Current, the global configuration), so two
// API hosts built at once in one process can pick up each other's storage. The end-to-end tests therefore run one
// host at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
