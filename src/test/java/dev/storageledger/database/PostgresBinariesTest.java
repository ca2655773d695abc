package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar carries one platform's PostgreSQL binaries; another platform's start says what to do instead. */
class PostgresBinariesTest {

    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

    @TempDir
    Path folder;

    @Test
    void the_binaries_of_the_build_platform_are_bundled() throws IOException {
        String system = System.getProperty("os.name").startsWith("Windows") ? "Windows"
                : System.getProperty("os.name").startsWith("Mac") ? "Darwin" : "Linux";

        try (InputStream archive = new PostgresBinaries(folder).getPgBinary(system, System.getProperty("os.arch"))) {
            assertThat(archive.readNBytes(XZ_MAGIC.length)).isEqualTo(XZ_MAGIC);
        }
    }

    @Test
    void a_platform_whose_binaries_are_not_bundled_is_named_with_the_ways_out() {
        assertThatThrownBy(() -> new PostgresBinaries(folder).getPgBinary("SunOS", "sparcv9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no embedded PostgreSQL for SunOS sparcv9")
                .hasMessageContaining("-Dembedded-postgres.platform=")
                .hasMessageContaining("LEDGER_DB_URL");
    }
}
