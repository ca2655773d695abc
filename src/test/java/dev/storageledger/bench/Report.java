package dev.storageledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The results of one run as a Markdown section, and its place in docs/benchmarks.md between two markers. */
final class Report {

    static final String START = "<!-- benchmark results: written by bench/run, do not edit by hand -->";
    static final String END = "<!-- end of benchmark results -->";

    private Report() {
    }

    static String markdown(String command, String machine, String data, List<Workload.Comparison> comparisons, String memory) {
        StringBuilder text = new StringBuilder();
        text.append("Command: `").append(command).append("`\n\n");
        text.append("Machine: ").append(machine).append("\n\n");
        text.append("Data: ").append(data).append("\n\n");
        text.append("| Workload | Measured | Baseline (same run) | Ratio | Target |\n");
        text.append("|---|---|---|---|---|\n");
        for (Workload.Comparison comparison : comparisons) {
            text.append("| ").append(comparison.workload())
                    .append(" | ").append(describe(comparison.measured(), comparison.unit()))
                    .append(" | ").append(describe(comparison.baseline(), comparison.unit()))
                    .append(" | ").append(ratios(comparison))
                    .append(" | ").append(comparison.target()).append(" |\n");
        }
        if (memory != null) {
            text.append("\n").append(memory).append("\n");
        }
        return text.toString();
    }

    /** The ratio of the rates and, where both were measured, of the processor time per request. */
    private static String ratios(Workload.Comparison comparison) {
        String ratio = String.format(Locale.ROOT, "%.2f", comparison.ratio());
        double measured = comparison.measured().cpuMillisPerRequest();
        double baseline = comparison.baseline().cpuMillisPerRequest();
        return Double.isNaN(measured) || Double.isNaN(baseline) ? ratio
                : ratio + String.format(Locale.ROOT, " (CPU per request %.2fx)", measured / baseline);
    }

    private static String describe(Workload.Figure figure, String unit) {
        String text = figure.name() + ": " + String.format(Locale.ROOT, "%,.0f", figure.value()) + " " + unit;
        if (!Double.isNaN(figure.p99Millis())) {
            text += String.format(Locale.ROOT, ", p50 %.2f ms, p99 %.2f ms", figure.p50Millis(), figure.p99Millis());
        }
        if (!Double.isNaN(figure.cpuMillisPerRequest())) {
            text += String.format(Locale.ROOT, ", CPU %.2f ms per request", figure.cpuMillisPerRequest());
        }
        return figure.failures() > 0 ? text + ", " + figure.failures() + " failed" : text;
    }

    /** Puts the section between the markers of the file, or at its end when it has none. */
    static void write(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int start = existing.indexOf(START);
        int end = existing.indexOf(END);
        String block = START + "\n" + section + END;
        String updated = start >= 0 && end > start ? existing.substring(0, start) + block + existing.substring(end + END.length())
                : existing + "\n" + block + "\n";
        Files.writeString(file, updated);
    }
}
