package dev.storageledger.documentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.StorageLedgerApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's walk-through, and its continuation in docs/guide.md, pasted into bash as a reader would paste it:
 * against the service started as the README starts it (its own embedded PostgreSQL on an empty data folder, the
 * administrator's secret {@code change-me}), on a random port where the text says 8080. Every answer must be the
 * one the text shows, but for what differs from run to run: ids, instants and secrets.
 */
class ReadmeWalkThroughTest {

    private static final Path README = Path.of("README.md");
    private static final Path GUIDE = Path.of("docs/guide.md");

    @Test
    void every_command_of_the_walk_through_answers_what_the_text_shows(@TempDir Path dataFolder) throws Exception {
        WalkThrough walkThrough = WalkThrough.of(README).then(WalkThrough.of(GUIDE));
        assertThat(walkThrough.steps()).hasSizeGreaterThan(20);

        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(StorageLedgerApplication.class).run(
                "--ledger.db.url=", "--ledger.db.embedded-allow-root=true", "--ledger.data-dir=" + dataFolder.resolve("data"),
                "--server.port=0", "--ledger.admin.key=admin", "--ledger.admin.secret=change-me")) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            List<String> answers = run(walkThrough, port, dataFolder);

            for (int step = 0; step < walkThrough.steps().size(); step++) {
                WalkThrough.Step expected = walkThrough.steps().get(step);
                assertThat(comparable(answers.get(step).replace("localhost:" + port, "localhost:8080")))
                        .as("the answer to `%s`", expected.command())
                        .isEqualTo(comparable(expected.answer()));
            }
        }
    }

    /** Runs every command in one bash session, so that the shell variables one sets are there for the next. */
    private static List<String> run(WalkThrough walkThrough, int port, Path folder) throws Exception {
        String marker = "--- end of the answer " + UUID.randomUUID() + " ---";
        StringBuilder script = new StringBuilder();
        for (WalkThrough.Step step : walkThrough.steps()) {
            script.append(step.command().replace("localhost:8080", "localhost:" + port)).append('\n')
                    .append("printf '\\n%s\\n' '").append(marker).append("'\n");
        }
        Path scriptFile = Files.writeString(folder.resolve("walk-through.sh"), script);
        Path output = folder.resolve("walk-through.out");
        Process bash = new ProcessBuilder("bash", scriptFile.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(bash.waitFor(5, TimeUnit.MINUTES)).as("bash ran the walk-through within 5 minutes").isTrue();
        String[] parts = Files.readString(output, StandardCharsets.UTF_8).split("\n" + Pattern.quote(marker) + "\n", -1);
        assertThat(parts).as("an answer for each command, in:%n%s", Files.readString(output)).hasSize(walkThrough.steps().size() + 1);
        List<String> answers = new ArrayList<>();
        for (int step = 0; step < walkThrough.steps().size(); step++) {
            answers.add(parts[step].strip());
        }
        return answers;
    }

    /** The text with what differs between runs (ids, instants, a key's secret) replaced by placeholders. */
    private static String comparable(String text) {
        return text
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>")
                .replaceAll("\"secret\":\"[A-Za-z0-9_-]+\"", "\"secret\":\"<secret>\"");
    }
}
