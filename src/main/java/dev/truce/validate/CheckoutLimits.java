package dev.truce.validate;

import java.nio.file.Path;

/**
 * Bounds on a temporary checkout, so that a hostile or huge tree cannot fill the disk before a build starts.
 *
 * @param parent   the folder the checkout is made in, {@code null} for the system's temporary folder; never
 *                 the user's work tree. A sandboxed build run as an unprivileged user (Truce itself running as
 *                 root) needs every folder above it to be searchable by that user.
 * @param maxFiles at most this many files and symbolic links
 * @param maxBytes at most this many bytes of file content in all
 */
public record CheckoutLimits(Path parent, int maxFiles, long maxBytes) {

    /** 50,000 files and 512 MiB in the system's temporary folder. */
    public static final CheckoutLimits DEFAULTS = new CheckoutLimits(null, 50_000, 512L * 1024 * 1024);

    public CheckoutLimits {
        if (maxFiles < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("checkout limits must be positive: " + maxFiles + " files, "
                    + maxBytes + " bytes");
        }
    }
}
