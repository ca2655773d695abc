package dev.storageledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void countsTheProcessorTimeOfTheProcessesItMeasures() {
        CpuMeter meter = new CpuMeter(List.of(ProcessHandle.current().pid()), null);
        Duration before = meter.used();
        long work = 0;
        long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < until) {
            work += Long.numberOfTrailingZeros(work ^ System.nanoTime());
        }
        assertThat(work).isPositive();
        // 300 ms of spinning on one thread: at least 100 ms of it is counted even on a machine shared with others.
        assertThat(meter.used().minus(before)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void measuresNothingWithoutProcesses() {
        assertThat(CpuMeter.NONE.measures()).isFalse();
        assertThat(CpuMeter.NONE.used()).isZero();
    }
}
