package dev.storageledger.database;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What another user of the machine tries against the embedded database, run as that user (by
 * {@link EmbeddedDatabaseAccessTest}, as {@code nobody}): log in as the superuser over TCP without a password, read
 * the data folder's password, and reach the server's Unix sockets. Prints one line per attempt, "accepted" or
 * "refused" and why, for the test to read; it holds no assertion of its own.
 *
 * <p>Arguments: the TCP port, the password file, and each Unix socket to try.
 */
public final class OutsiderProbe {

    private OutsiderProbe() {
    }

    public static void main(String[] arguments) {
        String port = arguments[0];
        tcpLoginWithoutPassword(port);
        readPasswordFile(Path.of(arguments[1]));
        for (int i = 2; i < arguments.length; i++) {
            unixSocket(Path.of(arguments[i]));
        }
    }

    private static void tcpLoginWithoutPassword(String port) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties)) {
            report("tcp", "accepted", "logged in as " + connection.getMetaData().getUserName());
        } catch (SQLException e) {
            report("tcp", "refused", e.getSQLState() + " " + e.getMessage());
        }
    }

    private static void readPasswordFile(Path file) {
        try {
            report("password-file", "accepted", "read " + Files.readAllBytes(file).length + " bytes");
        } catch (IOException e) {
            report("password-file", "refused", e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static void unixSocket(Path socket) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            report("socket " + socket, "accepted", "connected: " + channel.isConnected());
        } catch (IOException e) {
            report("socket " + socket, "refused", e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }

    private static void report(String attempt, String outcome, String detail) {
        System.out.println(attempt + ": " + outcome + ": " + detail.replace('\n', ' '));
    }
}
