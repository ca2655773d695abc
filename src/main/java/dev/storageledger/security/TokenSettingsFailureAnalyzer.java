package dev.storageledger.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for unusable token settings is told as Spring Boot tells a setting's mistake, without a stack trace. */
class TokenSettingsFailureAnalyzer extends AbstractFailureAnalyzer<TokenSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TokenSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
