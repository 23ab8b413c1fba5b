package dev.truce.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The container's health check: healthy only for a 200, unhealthy for anything else and for no answer. */
class HealthProbeTest {

    @Test
    void a_200_is_healthy_and_an_error_or_a_closed_port_is_not() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/up", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(HealthProbe.healthy(URI.create(base + "/up"))).isTrue();
            assertThat(HealthProbe.healthy(URI.create(base + "/down"))).isFalse();
            assertThat(HealthProbe.healthy(URI.create("http://127.0.0.1:" + closed + "/up"))).isFalse();
        } finally {
            server.stop(0);
        }
    }
}
