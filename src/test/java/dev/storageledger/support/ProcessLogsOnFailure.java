package dev.storageledger.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A test that fails after it started the service as a process of its own (an answer it did not expect, say) fails
 * with the last lines of that process's log attached (as suppressed exceptions, which the test report prints): the
 * cause of a failure is most often in the service's log, and the report is what a CI run leaves.
 */
public final class ProcessLogsOnFailure implements BeforeAllCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessLogsOnFailure.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("first", ServiceProcess.startedSoFar());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(context, failure);
    }

    private static Throwable withLogs(ExtensionContext context, Throwable failure) {
        Integer first = context.getStore(NAMESPACE).get("first", Integer.class);
        return withLogs(failure, first == null ? 0 : first);
    }

    /** The failure, with the tail of every log of a process started since the mark that it does not quote yet. */
    static Throwable withLogs(Throwable failure, int mark) {
        for (Path log : ServiceProcess.startedSince(mark)) {
            if (failure.getMessage() == null || !failure.getMessage().contains(log.toString())) {
                failure.addSuppressed(new ProcessLog(ProcessLogs.failure("a process started by the test", log)));
            }
        }
        return failure;
    }

    /** A log's tail, as the test report prints it: a message without a stack trace of its own. */
    private static final class ProcessLog extends Exception {

        ProcessLog(String message) {
            super(message, null, false, false);
        }
    }
}
