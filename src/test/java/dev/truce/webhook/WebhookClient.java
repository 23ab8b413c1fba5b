package dev.truce.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import dev.truce.testing.TestResource;

/** Sends webhooks to the running service over loopback, signed as GitHub signs them. */
final class WebhookClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final WebhookSignature signature;

    WebhookClient(int port, String secret) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.signature = new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A payload fixture under {@code src/test/resources/github/webhooks/}. */
    static String fixture(String name) {
        return TestResource.text("/github/webhooks/" + name + ".json");
    }

    /**
     * The same event content as another GitHub event would carry it: real payloads of two events differ at least in
     * their timestamps, so the body (and its hash) is new while repository, pull request, head and base stay.
     */
    static String anotherEvent(String body) {
        int open = body.indexOf('{');
        String rest = body.substring(open + 1);
        return body.substring(0, open + 1) + "\"truce_test_event\": \"" + UUID.randomUUID() + "\""
                + (rest.strip().startsWith("}") ? "" : ", ") + rest;
    }

    /**
     * A new event with the content of a fixture: repeats are recognised by their body, so a test that means a new
     * event sends a body no earlier test sent.
     */
    static String event(String fixture) {
        return anotherEvent(fixture(fixture));
    }

    /** Sends {@code body} as event {@code event}, correctly signed, with a fresh delivery id. */
    HttpResponse<String> send(String event, String body) {
        return send(event, body, UUID.randomUUID().toString());
    }

    HttpResponse<String> send(String event, String body, String delivery) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(event, bytes, delivery, signature.sign(bytes));
    }

    /** Sends with whatever signature header the test wants ({@code null}: none). */
    HttpResponse<String> post(String event, byte[] body, String delivery, String signatureHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        if (signatureHeader != null) {
            headers.put("X-Hub-Signature-256", signatureHeader);
        }
        return post(headers, body);
    }

    /** Sends {@code body} with exactly these GitHub headers (and the usual content type and user agent). */
    HttpResponse<String> post(Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/webhook"))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    String sign(byte[] body) {
        return signature.sign(body);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
