package dev.truce.webhook;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code POST /webhook} written by hand on a socket with a chunked body, so a test decides when each part of the
 * body arrives (or that the rest never does), as a slow or hostile client would.
 */
final class RawWebhookRequest implements Closeable {

    /** A response's status line number and headers (lower-case names), and its body when it has a length. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final OutputStream out;
    private long bodyBytesWritten;

    RawWebhookRequest(int port, String event, String delivery, String signature) throws IOException {
        socket = new Socket("127.0.0.1", port);
        // A safety net only: every response a test waits for comes in milliseconds.
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        String head = "POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "X-GitHub-Event: " + event + "\r\nX-GitHub-Delivery: " + delivery + "\r\n"
                + (signature == null ? "" : "X-Hub-Signature-256: " + signature + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends {@code bytes} as one chunk of the body. */
    void send(byte[] bytes, int offset, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        bodyBytesWritten += length;
    }

    /** Ends the body. */
    void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    long bodyBytesWritten() {
        return bodyBytesWritten;
    }

    /** Reads the response (blocking until it comes). */
    Response response() throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String body = "";
        if (headers.containsKey("content-length")) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
