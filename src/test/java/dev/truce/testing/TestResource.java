package dev.truce.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A file under {@code src/test/resources} (payloads shaped like the real APIs', tool output), read as text. */
public final class TestResource {

    private TestResource() {
    }

    /** The UTF-8 text of the resource at {@code path} ({@code /github/api/...}); fails naming it if there is none. */
    public static String text(String path) {
        try (InputStream in = TestResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no test resource " + path + " under src/test/resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
