package dev.storageledger;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** The data folder (LEDGER_DATA_DIR): the embedded database's files and the token key's file, kept across restarts. */
public record DataFolder(Path path) {

    public DataFolder {
        requireNonNull(path, "path is null");
    }
}
