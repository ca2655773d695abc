package dev.storageledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NormalClientsTest {

    /**
     * A client with a 5 s timeout gives up on the whole exchange after 5 s, waiting for its connection included; the
     * HttpClient's request timeout leaves out the connect, so an answer that came later must still count as failed.
     */
    @Test
    void countsAnAnswerThatCamePastThePatienceAsFailed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            // No answer comes within a nanosecond: every one is past this patience, however fast the server.
            NormalClients clients = new NormalClients(1, (client, sequence) -> HttpRequest.newBuilder(uri).GET().build(), Duration.ofNanos(1));

            NormalClients.Phase phase = clients.run("late", Duration.ofMillis(200));

            assertThat(phase.failures()).isPositive();
            assertThat(phase.requests()).isZero();
            assertThat(phase.firstFailure()).hasValueSatisfying(failure -> assertThat(failure).contains("past the patience"));
        } finally {
            server.stop(0);
        }
    }
}
