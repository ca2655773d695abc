package dev.storageledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service process that fails to start fails its test with the cause, read from its log, which stays under target/
 * for the rest of the story: a log in a JUnit temporary folder is deleted with the folder, before anyone reads it.
 */
class ServiceProcessTest {

    private static final String CLASSPATH = System.getProperty("java.class.path");

    @Test
    void a_service_that_exits_at_start_fails_with_the_last_lines_of_its_log_which_stays_under_target() throws Exception {
        Path log = ProcessLogs.of("exits-at-start");

        try (ServiceProcess exits = ServiceProcess.start(CLASSPATH, ExitsAtStart.class.getName(), Map.of(), log)) {
            assertThatThrownBy(() -> exits.awaitHealth(Duration.ofSeconds(60)))
                    .hasMessageContaining("the service exited with 1")
                    .hasMessageContaining(ExitsAtStart.CAUSE);
        }
        assertThat(log).startsWith(Path.of("target").toAbsolutePath()).content().contains(ExitsAtStart.CAUSE);
    }

    @Test
    void a_service_that_never_becomes_healthy_fails_with_the_last_lines_of_its_log() throws Exception {
        Path log = ProcessLogs.of("never-healthy");

        try (ServiceProcess hangs = ServiceProcess.start(CLASSPATH, NeverHealthy.class.getName(), Map.of(), log)) {
            assertThatThrownBy(() -> hangs.awaitLiveness(Duration.ofSeconds(2)))
                    .hasMessageContaining("did not become healthy")
                    .hasMessageContaining(NeverHealthy.LAST_WORDS);
        }
    }

    @Test
    void a_test_that_fails_after_starting_a_service_shows_the_last_lines_of_its_log() throws Exception {
        int mark = ServiceProcess.startedSoFar();
        Path log = ProcessLogs.of("answers-wrong");
        try (ServiceProcess answersWrong = ServiceProcess.start(CLASSPATH, NeverHealthy.class.getName(), Map.of(), log)) {
            Poll.until(() -> Files.readString(log).contains(NeverHealthy.LAST_WORDS), Duration.ofSeconds(60));
        }

        Throwable failure = ProcessLogsOnFailure.withLogs(new AssertionError("expected 200 but was 500"), mark);

        assertThat(failure.getSuppressed()).singleElement().satisfies(attached -> assertThat(attached.getMessage())
                .contains(log.toString(), NeverHealthy.LAST_WORDS));
        Throwable quoting = new IllegalStateException(ProcessLogs.failure("the service exited with 1", log));
        assertThat(ProcessLogsOnFailure.withLogs(quoting, mark).getSuppressed()).as("a failure that quotes the log already").isEmpty();
    }

    /** A service whose start fails, as one on a data folder in use does. */
    public static final class ExitsAtStart {

        static final String CAUSE = "The data folder is in use by another instance (a made-up cause)";

        public static void main(String[] args) {
            System.out.println("starting");
            System.err.println(CAUSE);
            System.exit(1);
        }
    }

    /** A service that says where it is stuck, and stays so. */
    public static final class NeverHealthy {

        static final String LAST_WORDS = "waiting for a database that never answers";

        public static void main(String[] args) throws InterruptedException {
            System.out.println(LAST_WORDS);
            System.out.flush();
            Thread.currentThread().join();
        }
    }
}
