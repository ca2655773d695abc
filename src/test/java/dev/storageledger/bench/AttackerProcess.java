package dev.storageledger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The slow connections from a process of their own at the lowest CPU priority (nice 19), so that on a small machine the
 * attacker's own work (thousands of sockets, reconnections) is not taken from the service or from the normal clients
 * measured beside it, as it would not be when the attack comes from other machines. The service still meets every
 * connection, refusal and byte; only the attacker's CPU yields to the others when they need it.
 */
final class AttackerProcess implements SlowAttack {

    private final Process process;
    private volatile Tally last = new Tally(0, 0, 0, 0, 0, Duration.ZERO, 0);

    AttackerProcess(int port, int connections, List<String> addresses, Duration pace, SlowAttacker.Mode mode) {
        List<String> command = new ArrayList<>(List.of("nice", "-n", "19",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-classpath", System.getProperty("java.class.path"), SlowAttacker.class.getName(), String.valueOf(port),
                String.valueOf(connections), String.join(",", addresses), String.valueOf(pace.toSeconds()), mode.name()));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the attacker's process", e);
        }
        Thread.ofPlatform().daemon().name("attacker-tally").start(this::readTallies);
    }

    static String line(Tally tally) {
        return tally.open() + " " + tally.mostOpen() + " " + tally.opened() + " " + tally.refused() + " " + tally.closedLater() + " "
                + tally.meanLifeOfClosedLater().toNanos() + " " + tally.failedToConnect();
    }

    private void readTallies() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                last = new Tally(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]),
                        Long.parseLong(parts[4]), Duration.ofNanos(Long.parseLong(parts[5])), Long.parseLong(parts[6]));
            }
        } catch (IOException ended) {
            // the process ended: its last tally stays
        }
    }

    @Override
    public Tally tally() {
        if (!process.isAlive() && process.exitValue() != 0) {
            throw new IllegalStateException("the attacker's process exited with " + process.exitValue());
        }
        return last;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
