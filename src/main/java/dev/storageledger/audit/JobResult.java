package dev.storageledger.audit;

/** What a job answers once it has succeeded, one type per {@link Job.Kind}; its row keeps it as JSON. */
public sealed interface JobResult permits RecalculationResult, ReconciliationResult, CheckResult {
}
