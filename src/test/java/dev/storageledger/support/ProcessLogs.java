package dev.storageledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The output of the processes that tests start (the service, S3Mock): kept under target/, where it outlives the run
 * (a JUnit temporary folder is deleted when the test ends, failed or not), and quoted in the failure that the process
 * caused, so that the cause can be read in the test report without the file.
 */
public final class ProcessLogs {

    /** How much of a log a failure quotes: a stack trace and the lines before it. */
    static final int TAIL_LINES = 60;

    private ProcessLogs() {
    }

    /** target/instance-{name}.log, as an absolute path (a process may run in another folder). */
    public static Path of(String name) {
        return Path.of("target", "instance-" + name + ".log").toAbsolutePath();
    }

    /** {@code what} happened, then where the log is and its last lines. */
    public static String failure(String what, Path log) {
        return what + "; the last lines of " + log + ":\n" + tail(log);
    }

    /** The log's last {@value #TAIL_LINES} lines, or why there are none. */
    static String tail(Path log) {
        if (!Files.exists(log)) {
            return "(no log: the file is missing)";
        }
        try {
            // not Files.readAllLines, which fails on a log cut in the middle of a character: this shows it replaced
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty()) {
                return "(the log is empty)";
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("the log " + log + " cannot be read", e);
        }
    }
}
