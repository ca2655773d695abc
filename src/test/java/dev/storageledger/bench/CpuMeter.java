package dev.storageledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processor time used so far by the processes under test: the service's instances and the database server (its
 * postmaster, the backends it has reaped, and those alive). The difference over a measured window, per request, is
 * what a request costs the machine apart from the load driver. It does not depend on how long a request waited, but a
 * loaded machine still inflates it (caches, contention): compare it within a run, or between runs on a quiet machine.
 */
final class CpuMeter {

    /** Measures nothing: figures made with it carry no CPU time. */
    static final CpuMeter NONE = new CpuMeter(List.of(), null);

    /** Linux's USER_HZ, the unit of the times in /proc/[pid]/stat. */
    private static final long TICKS_PER_SECOND = 100;

    private final List<Long> services;
    private final Path postmasterPidFile;

    /**
     * @param services          the service instances' process ids
     * @param postmasterPidFile the database server's {@code postmaster.pid}, or null when the server is elsewhere
     */
    CpuMeter(List<Long> services, Path postmasterPidFile) {
        this.services = List.copyOf(services);
        this.postmasterPidFile = postmasterPidFile;
    }

    boolean measures() {
        return !services.isEmpty();
    }

    /** The processor time (user and system) used so far; zero when this meter measures nothing. */
    Duration used() {
        long ticks = services.stream().mapToLong(pid -> ticks(pid, false)).sum();
        if (postmasterPidFile != null) {
            long postmaster = postmaster();
            // The postmaster's own time and that of the backends it reaped, then that of each backend alive (the
            // services' pooled connections keep theirs alive through a window).
            ticks += ticks(postmaster, true) + ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants)
                    .mapToLong(process -> ticks(process.pid(), false)).sum();
        }
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }

    private long postmaster() {
        try (Stream<String> lines = Files.lines(postmasterPidFile)) {
            return Long.parseLong(lines.findFirst().orElseThrow().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime (and cutime + cstime: the reaped children's) of a process; 0 when it has ended. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException ended) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The fields after the command name (which may hold spaces, so it is skipped up to its closing parenthesis):
        // state is field 3, utime 14, stime 15, cutime 16, cstime 17.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return withReapedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
    }
}
