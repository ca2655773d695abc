package dev.storageledger.database;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files and folders of the data folder that only the service's operating-system user may open. */
final class Folders {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private Folders() {
    }

    /** {@code folder}, made if it is missing, with mode 0700 whether it was just made or not. */
    static Path privateFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        restrict(folder, "rwx------");
        return folder;
    }

    /** A new, empty file of mode 0600, made so from its first instant. */
    static void createPrivateFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Sets the mode of {@code path}, such as "rw-------"; on a file system without modes, nothing. */
    static void restrict(Path path, String permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
