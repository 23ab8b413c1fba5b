package dev.truce.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check where there is no shell or curl (the image has neither): {@code java -cp /app/classes
 * dev.truce.server.HealthProbe URL} exits 0 when {@code URL} answers 200 within five seconds, 1 otherwise. Uses only
 * the JDK, so it starts in a fraction of a second with a tiny heap (deploy/compose.yaml runs it).
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    /** Probes {@code args[0]}, by default the readiness group on the default management port. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8081/actuator/health/readiness";
        System.exit(healthy(URI.create(url)) ? 0 : 1);
    }

    static boolean healthy(URI url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
