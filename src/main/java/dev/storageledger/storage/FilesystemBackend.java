package dev.storageledger.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Files under a root folder. A listing walks the tree depth first, one folder's entries in memory at a time (sorted
 * as a bucket sorts keys), so memory stays flat however many files there are.
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
    public Iterator<StoredObject> list(String prefix) {
        Path top = resolve(prefix);
        return new Iterator<>() {
            private final Deque<Iterator<Entry>> folders = new ArrayDeque<>();
            private StoredObject next;

            {
                if (Files.isDirectory(top)) {
                    folders.push(entries(top));
                }
                advance();
            }

            private void advance() {
                next = null;
                while (next == null && !folders.isEmpty()) {
                    Iterator<Entry> folder = folders.peek();
                    if (!folder.hasNext()) {
                        folders.pop();
                        continue;
                    }
                    Entry entry = folder.next();
                    if (entry.directory()) {
                        folders.push(entries(entry.path()));
                    } else if (entry.size() >= 0) {
                        next = new StoredObject(top.relativize(entry.path()).toString().replace('\\', '/'), entry.size());
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public StoredObject next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                StoredObject current = next;
                advance();
                return current;
            }
        };
    }

    /** A folder's entry: a folder, or a regular file and its size (other kinds are skipped). */
    private record Entry(Path path, boolean directory, long size, String sortKey) {
    }

    private static Iterator<Entry> entries(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            List<Entry> entries = children.map(FilesystemBackend::entry).filter(entry -> entry != null)
                    .sorted(Comparator.comparing(Entry::sortKey)).toList();
            return entries.iterator();
        } catch (NoSuchFileException e) {
            return List.<Entry>of().iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }

    private static Entry entry(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            String name = path.getFileName().toString();
            if (attributes.isDirectory()) {
                return new Entry(path, true, -1, name + "/");
            }
            return attributes.isRegularFile() ? new Entry(path, false, attributes.size(), name) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}
