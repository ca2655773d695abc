package dev.storageledger.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes one instance of the service the only one on a data folder: an operating-system lock on a file
 * in it, held from before the embedded database is started until after it is stopped, and recording the holder's pid.
 * The operating system releases it when the holder's process ends, however it ends, so a folder is never left locked by
 * an instance that is gone; and while it is held, any PostgreSQL running on the folder belongs to the holder.
 */
final class DataFolderLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code folder} (which must exist) for this process, or fails at once, naming the instance that
     * holds it, when another one does.
     */
    static DataFolderLock acquire(Path folder) {
        Path file = folder.resolve(EmbeddedDatabase.LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new DataFolderInUse(folder, holder);
            }
            Folders.restrict(file, "rw-------");
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataFolderLock(file, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the data folder " + folder + " (" + file + ")", e);
        }
    }

    /** "pid N" of the holder, as it wrote it in the file; it may not have written it yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(64);
        channel.read(content, 0);
        String pid = new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("[0-9]+") ? "pid " + pid : "pid not written yet";
    }

    /** Releases the lock; again, nothing. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not release the lock " + file, e);
        }
    }
}
