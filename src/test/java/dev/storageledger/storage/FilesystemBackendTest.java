package dev.storageledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem's listing walks sub-folders in parallel and reads ahead, yet gives exactly the objects, in exactly
 * the order, of one walk in key order; and closing it stops its walkers.
 */
class FilesystemBackendTest {

    @TempDir
    Path root;

    private void write(String key, int bytes) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    /** Every regular file under the folder, keyed relative to it, sorted as whole keys (as a bucket lists them). */
    private List<StorageBackend.StoredObject> expected(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return new StorageBackend.StoredObject(folder.relativize(file).toString(), Files.size(file));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted((a, b) -> a.key().compareTo(b.key())).toList();
        }
    }

    private static List<StorageBackend.StoredObject> all(StorageBackend.Listing listing) {
        List<StorageBackend.StoredObject> objects = new ArrayList<>();
        try (listing) {
            listing.forEachRemaining(objects::add);
        }
        return objects;
    }

    private static long walkers() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("ledger-listing-")).count();
    }

    @Test
    void many_folders_walked_in_parallel_come_out_in_key_order_with_every_object_and_size() throws IOException {
        int folders = FilesystemBackend.PARALLELISM * 3 + 1;
        for (int space = 0; space < folders; space++) {
            // some folders with more sub-folders than are read ahead, so that readers wait for the reader
            int files = space % 3 == 0 ? 6_007 : space;
            for (int file = 0; file < files; file++) {
                write("7/" + space + "/a" + file % (FilesystemBackend.FOLDERS_AHEAD + 3) + "/" + file + ".bin", 1 + file % 13);
            }
        }
        write("7/3/a-b/x", 1); // "a-b/" sorts before "a0/"... and "a/" after both: '-' < '/' < '0'
        write("7/3/a/y", 2);
        write("7/3/a.txt", 3);
        write("7/loose-file", 4);
        Files.createDirectories(root.resolve("7/empty/inside"));

        List<StorageBackend.StoredObject> listed = all(new FilesystemBackend(root).list("7/"));

        assertThat(listed).hasSizeGreaterThan(15_000).containsExactlyElementsOf(expected(root.resolve("7")));
        assertThat(all(new FilesystemBackend(root).list("7/3/"))).containsExactlyElementsOf(expected(root.resolve("7/3")));
    }

    @Test
    void a_folder_that_does_not_exist_lists_nothing() {
        assertThat(all(new FilesystemBackend(root).list("9/"))).isEmpty();
    }

    @Test
    void closing_a_listing_read_only_in_part_stops_its_walkers() throws Exception {
        for (int space = 0; space < FilesystemBackend.PARALLELISM + 2; space++) {
            for (int file = 0; file < 6_000; file++) {
                write("5/" + space + "/a" + file % (FilesystemBackend.FOLDERS_AHEAD * 2) + "/" + file, 1);
            }
        }
        long before = walkers();
        StorageBackend.Listing listing = new FilesystemBackend(root).list("5/");
        assertThat(listing.next().key()).isEqualTo("0/a0/0");
        assertThat(walkers()).isGreaterThan(before);

        listing.close();

        assertThat(listing.hasNext()).isFalse();
        Poll.until(() -> walkers() == before, Duration.ofSeconds(10));
    }
}
