package dev.storageledger.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Files under a root folder. A listing walks the tree depth first, each folder's entries sorted as a bucket sorts
 * keys, with a few folders' entries in memory at a time, so memory stays flat however many files there are; the
 * folders the walk enters next are read in parallel ahead of it.
 */
public final class FilesystemBackend implements StorageBackend {

    private final Path root;

    public FilesystemBackend(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    private Path resolve(String prefix) {
        Path path = root.resolve(prefix).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("'" + prefix + "' leads out of the storage root");
        }
        return path;
    }

    @Override
    public long bytesUnder(String prefix) {
        Path folder = resolve(prefix);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long[] bytes = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        bytes[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed while walking
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not measure " + folder, e);
        }
        return bytes[0];
    }

    @Override
    public Listing list(String prefix) {
        Path top = resolve(prefix);
        return Files.isDirectory(top) ? new ReadAhead(entries(top)) : Listing.of(Collections.emptyIterator());
    }

    /** How many folders are read at once, each by a thread of the listing's own. */
    static final int PARALLELISM = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How many of a folder's sub-folders may be read ahead of the listing's reader. */
    static final int FOLDERS_AHEAD = 8 * PARALLELISM;

    /**
     * The listing of a folder, depth first in key order. The reader walks the tree; the folders it will enter next
     * are read (their entries listed, measured and sorted) ahead of it by a few threads, up to {@link #FOLDERS_AHEAD}
     * of each folder's sub-folders at a time, so every thread keeps reading however the files are spread over the
     * folders, and the objects come out exactly as one depth-first walk would give them. Memory holds at most that
     * many folders' entries per level of the tree.
     */
    private static final class ReadAhead implements Listing {
        private final Deque<Level> levels = new ArrayDeque<>();
        private volatile boolean closed;
        private ExecutorService readers;
        private StoredObject next;

        ReadAhead(List<Entry> top) {
            levels.push(new Level("", top));
        }

        /** A folder being walked: its sorted entries, the reader's place, and the sub-folders being read ahead. */
        private final class Level {
            private final String key;
            private final List<Entry> entries;
            private final Deque<Ahead> ahead = new ArrayDeque<>();
            private int taken;
            private int asked;

            Level(String key, List<Entry> entries) {
                this.key = key;
                this.entries = entries;
                askAhead();
            }

            /** Starts reading the next sub-folders, in order, until {@link #FOLDERS_AHEAD} are being read or read. */
            void askAhead() {
                while (ahead.size() < FOLDERS_AHEAD && asked < entries.size()) {
                    Entry entry = entries.get(asked++);
                    if (entry.directory()) {
                        ahead.add(new Ahead(entry, readers().submit(() -> entries(entry.path()))));
                    }
                }
            }

            /** The entries of the sub-folder just taken, read ahead. */
            List<Entry> enter(Entry folder) {
                askAhead();
                Ahead read = ahead.poll();
                if (read == null || read.folder() != folder) {
                    throw new IllegalStateException("sub-folders read ahead out of order"); // cannot happen: taken in order
                }
                askAhead();
                return read.entries();
            }
        }

        /** A sub-folder being read ahead of the reader. */
        private record Ahead(Entry folder, Future<List<Entry>> listing) {
            List<Entry> entries() {
                try {
                    return listing.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while listing", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
                }
            }
        }

        private ExecutorService readers() {
            if (readers == null) {
                readers = Executors.newFixedThreadPool(PARALLELISM, Thread.ofPlatform().daemon(true).name("ledger-listing-", 0).factory());
            }
            return readers;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && !closed) {
                    Level level = levels.peek();
                    if (level == null) {
                        close();
                        return false;
                    }
                    if (level.taken == level.entries.size()) {
                        levels.pop();
                        continue;
                    }
                    Entry entry = level.entries.get(level.taken++);
                    if (entry.directory()) {
                        levels.push(new Level(level.key + entry.sortKey(), level.enter(entry)));
                    } else {
                        next = new StoredObject(level.key + entry.name(), entry.size());
                    }
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            return next != null;
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredObject object = next;
            next = null;
            return object;
        }

        @Override
        public void close() {
            closed = true;
            next = null;
            levels.clear();
            if (readers != null) {
                readers.shutdownNow();
            }
        }
    }

    /** A folder's entry: a folder, or a regular file and its size (other kinds are skipped). */
    private record Entry(Path path, String name, boolean directory, long size, String sortKey) {
    }

    /** Entries in the order a bucket sorts keys (a folder's name compared as "name/"). */
    private static final Comparator<Entry> KEY_ORDER = Comparator.comparing(Entry::sortKey);

    /**
     * A folder's entries, sorted as a bucket sorts keys. Each entry's attributes are read relative to the open folder
     * (fstatat on its descriptor, as du does) where the platform's directory stream allows it, so the kernel looks up
     * one name per file rather than the whole absolute path; elsewhere by the entry's path.
     */
    private static List<Entry> entries(Path folder) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            List<Entry> entries = new ArrayList<>();
            SecureDirectoryStream<Path> secure = children instanceof SecureDirectoryStream<Path> stream ? stream : null;
            for (Path child : children) {
                Entry entry = entry(secure, child);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            entries.sort(KEY_ORDER);
            return entries;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        } catch (DirectoryIteratorException e) {
            throw new UncheckedIOException("could not list " + folder, e.getCause());
        }
    }

    /** The entry of a folder's child, its attributes read relative to the open folder when {@code folder} is given. */
    private static Entry entry(SecureDirectoryStream<Path> folder, Path path) {
        try {
            Path file = path.getFileName();
            BasicFileAttributes attributes = folder != null
                    ? folder.getFileAttributeView(file, BasicFileAttributeView.class).readAttributes()
                    : Files.readAttributes(path, BasicFileAttributes.class);
            String name = file.toString();
            if (attributes.isDirectory()) {
                return new Entry(path, name, true, -1, name + "/");
            }
            return attributes.isRegularFile() ? new Entry(path, name, false, attributes.size(), name) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}
