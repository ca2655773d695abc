package dev.storageledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Workload 5: a dry-run reconciliation of one customer against a filesystem tree of about 1,000,000 files (its
 * spaces' assets, {@code FILES_PER_ASSET} files each), against {@code du -sb} of the same tree. Each is run twice and
 * the second run counts, so that both read a warm page cache.
 */
final class ReconciliationWorkload implements Workload {

    static final int FILES_PER_ASSET = 100;
    @Override
    public String name() {
        return "reconciliation";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        int customer = target.scale().firstCustomer();
        Path root = BenchmarkSuite.STORAGE_ROOT.toAbsolutePath();
        Path tree = root.resolve(String.valueOf(customer));
        long files = createTree(tree, target.scale());
        du(tree);
        double duSeconds = du(tree);
        reconcile(target, customer);
        double reconcileSeconds = reconcile(target, customer);
        Figure measured = new Figure("dry-run reconciliation of customer " + customer, files / reconcileSeconds,
                reconcileSeconds * 1000, reconcileSeconds * 1000, 0);
        Figure baseline = new Figure("du -sb of the same tree", files / duSeconds, duSeconds * 1000, duSeconds * 1000, 0);
        return List.of(new Comparison(name() + " of " + String.format("%,d", files) + " files", measured, baseline, "files/s",
                "ratio >= 0.67 (within 1.5 of du's time)"));
    }

    /** {spaces} x {assets} asset folders of the customer, FILES_PER_ASSET files of 1 to 100 bytes each; answers the count. */
    private static long createTree(Path tree, DataGenerator.Scale scale) throws IOException {
        long files = 0;
        for (int space = 0; space < scale.spaces(); space++) {
            for (int asset = 0; asset < scale.assets(); asset++) {
                Path folder = tree.resolve(space + "/a" + asset); // the ids DataGenerator gives the customer's assets
                Files.createDirectories(folder);
                for (int file = 0; file < FILES_PER_ASSET; file++) {
                    Path path = folder.resolve(file + ".bin");
                    if (!Files.exists(path)) {
                        Files.write(path, new byte[1 + file % 100]);
                    }
                    files++;
                }
            }
        }
        return files;
    }

    private static double du(Path tree) throws Exception {
        long start = System.nanoTime();
        Process du = new ProcessBuilder("du", "-sb", tree.toString()).redirectErrorStream(true).start();
        du.getInputStream().readAllBytes();
        if (!du.waitFor(600, TimeUnit.SECONDS) || du.exitValue() != 0) {
            throw new IllegalStateException("du -sb failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double reconcile(Target target, int customer) throws Exception {
        return BackgroundJob.time(target, "/customers/" + customer + "/storage/reconciliations");
    }
}
