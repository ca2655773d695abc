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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Files under a root folder. A listing walks the tree depth first, one folder's entries in memory at a time (sorted
 * as a bucket sorts keys), so memory stays flat however many files there are; the listed folder's sub-folders are
 * walked in parallel, each read ahead a few batches, and handed over in order.
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

    /** How many folders of the listed one are walked at once, each by a thread of the listing's own. */
    static final int PARALLELISM = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** How many objects a walker hands over at once, and how many such batches it may read ahead of the listing's reader. */
    static final int BATCH = 1_024;
    static final int BATCHES_AHEAD = 4;

    /** What a walker hands over: objects, or the end of its folder, or the failure that ended it. */
    private record Batch(List<StoredObject> objects, boolean last, RuntimeException failure) {
    }

    /**
     * The listing of a folder: its sub-folders are walked in parallel, each by a walker that reads ahead into a queue
     * of its own, at most {@link #PARALLELISM} + 1 of them at a time, and the reader drains the queues in the
     * folders' order, so the objects come out exactly as one depth-first walk would give them (a folder's objects
     * are contiguous in key order). Memory holds at most a few batches per walker.
     */
    private static final class ReadAhead implements Listing {
        private final List<Entry> children;
        private final Deque<BlockingQueue<Batch>> walking = new ArrayDeque<>();
        private volatile boolean closed;
        private ExecutorService walkers;
        private int started;
        private Iterator<StoredObject> batch = Collections.emptyIterator();

        ReadAhead(List<Entry> children) {
            this.children = children;
        }

        @Override
        public boolean hasNext() {
            while (!batch.hasNext()) {
                if (closed) {
                    return false;
                }
                while (walking.size() <= PARALLELISM && started < children.size()) {
                    walking.add(start(children.get(started++)));
                }
                if (walking.isEmpty()) {
                    close();
                    return false;
                }
                Batch next = take(walking.peek());
                if (next.failure() != null) {
                    close();
                    throw next.failure();
                }
                if (next.last()) {
                    walking.remove();
                }
                batch = next.objects().iterator();
            }
            return true;
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }

        @Override
        public void close() {
            closed = true;
            batch = Collections.emptyIterator();
            if (walkers != null) {
                walkers.shutdownNow();
            }
        }

        private BlockingQueue<Batch> start(Entry child) {
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
            if (!child.directory()) {
                queue.add(new Batch(List.of(new StoredObject(child.name(), child.size())), true, null));
                return queue;
            }
            if (walkers == null) {
                walkers = Executors.newFixedThreadPool(PARALLELISM, Thread.ofPlatform().daemon(true).name("ledger-listing-", 0).factory());
            }
            walkers.execute(() -> walk(child, queue));
            return queue;
        }

        /** Walks a folder depth first, one folder's sorted entries at a time, handing its objects over in batches. */
        private void walk(Entry folder, BlockingQueue<Batch> queue) {
            try {
                Deque<Iterator<Entry>> folders = new ArrayDeque<>();
                Deque<String> keys = new ArrayDeque<>();
                folders.push(entries(folder.path()).iterator());
                keys.push(folder.sortKey());
                List<StoredObject> objects = new ArrayList<>(BATCH);
                while (!folders.isEmpty() && !closed) {
                    Iterator<Entry> entries = folders.peek();
                    if (!entries.hasNext()) {
                        folders.pop();
                        keys.pop();
                        continue;
                    }
                    Entry entry = entries.next();
                    if (entry.directory()) {
                        folders.push(entries(entry.path()).iterator());
                        keys.push(keys.peek() + entry.sortKey());
                    } else {
                        objects.add(new StoredObject(keys.peek() + entry.name(), entry.size()));
                        if (objects.size() == BATCH) {
                            hand(queue, new Batch(objects, false, null));
                            objects = new ArrayList<>(BATCH);
                        }
                    }
                }
                hand(queue, new Batch(objects, true, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed: nobody reads on
            } catch (RuntimeException e) {
                try {
                    hand(queue, new Batch(List.of(), true, e));
                } catch (InterruptedException closed) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void hand(BlockingQueue<Batch> queue, Batch batch) throws InterruptedException {
            while (!closed && !queue.offer(batch, 1, TimeUnit.SECONDS)) {
                // the reader is behind: wait for room (or for the listing to be closed)
            }
        }

        private Batch take(BlockingQueue<Batch> queue) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while listing", e);
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
