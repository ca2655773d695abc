package dev.storageledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void countsTheProcessorTimeOfTheProcessesItMeasures() {
        CpuMeter meter = new CpuMeter(List.of(ProcessHandle.current().pid()), null);
        Duration before = meter.used();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long spunFrom = threads.getCurrentThreadCpuTime();
        long work = 0;
        // Until this thread has used 200 ms of processor time, however long that takes on a machine shared with others
        // (300 ms of wall-clock time gave it 90 ms under a load of 20 on two cores).
        while (threads.getCurrentThreadCpuTime() - spunFrom < Duration.ofMillis(200).toNanos()) {
            work += Long.numberOfTrailingZeros(work ^ System.nanoTime());
        }
        assertThat(work).isPositive();
        // The process used at least what this thread did; /proc counts in ticks of 10 ms, hence the margin.
        assertThat(meter.used().minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void measuresNothingWithoutProcesses() {
        assertThat(CpuMeter.NONE.measures()).isFalse();
        assertThat(CpuMeter.NONE.used()).isZero();
    }
}
