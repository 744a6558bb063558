package dev.portico.command.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong export is the operator's to fix: say what is wrong and where, without a stack trace. */
class InvalidAppConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAppConfiguration> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAppConfiguration cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct each file and field listed above as its fix says, then start again. The command-service"
                        + " README ('Serving an exported app') lists the settings an export cannot hold.", cause);
    }
}
