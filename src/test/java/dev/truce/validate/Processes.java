package dev.truce.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The host's processes, read from /proc, to prove a build left nothing running. */
final class Processes {

    private Processes() {
    }

    /** How many processes on the host have {@code marker} in their command line. */
    static long withMarker(String marker) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ')
                                    .contains(marker);
                        } catch (IOException gone) {
                            return false;
                        }
                    }).count();
        }
    }
}
