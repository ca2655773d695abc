package dev.storageledger.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused as root is told without a stack trace: what is wrong, and the setting that allows it. */
class RunAsRootFailureAnalyzer extends AbstractFailureAnalyzer<RunAsRootRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RunAsRootRefused cause) {
        return new FailureAnalysis(cause.getMessage(), RunAsRootRefused.ACTION, cause);
    }
}
