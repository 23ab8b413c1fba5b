package dev.truce.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;

/**
 * A webhook body read in chunks: its HMAC and SHA-256 are computed while it arrives, each chunk is counted against the
 * per-request limit (413 as soon as it is passed, the rest is not read) and taken from the global {@link BodyBudget}
 * (503 when it is spent). Closing gives the chunks' bytes back to the budget.
 */
final class ReceivedBody implements AutoCloseable {

    /** Memory is taken from the budget a chunk at a time, so what is counted is what is allocated. */
    static final int CHUNK_BYTES = 16 * 1024;

    private final List<byte[]> chunks;
    private final int lastChunkLength;
    private final long length;
    private final long reserved;
    private final BodyBudget budget;
    private final byte[] hmac;
    private final String sha256;
    private boolean closed;

    private ReceivedBody(List<byte[]> chunks, int lastChunkLength, long length, long reserved, BodyBudget budget,
            byte[] hmac, String sha256) {
        this.chunks = chunks;
        this.lastChunkLength = lastChunkLength;
        this.length = length;
        this.reserved = reserved;
        this.budget = budget;
        this.hmac = hmac;
        this.sha256 = sha256;
    }

    /**
     * Reads {@code in} to its end, feeding {@code mac} (initialised with the secret) on the way.
     *
     * @throws RejectedDelivery TOO_LARGE past {@code maxBytes}, BUSY when the budget cannot hold the next chunk;
     *                          what was taken is given back
     */
    static ReceivedBody read(InputStream in, long maxBytes, BodyBudget budget, Mac mac)
            throws IOException, RejectedDelivery {
        MessageDigest sha = newSha256();
        List<byte[]> chunks = new ArrayList<>();
        long reserved = 0;
        long length = 0;
        int filled = 0;
        boolean complete = false;
        try {
            byte[] chunk = null;
            while (true) {
                if (chunk == null || filled == chunk.length) {
                    // Never more than one byte past the limit: that byte is what proves the body too large.
                    int size = (int) Math.min(CHUNK_BYTES, maxBytes + 1 - length);
                    if (!budget.reserve(size)) {
                        throw new RejectedDelivery(RejectedDelivery.Reason.BUSY,
                                "too many webhook bodies being received at once; retry later");
                    }
                    reserved += size;
                    chunk = new byte[size];
                    chunks.add(chunk);
                    filled = 0;
                }
                int n = in.read(chunk, filled, chunk.length - filled);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length > maxBytes) {
                    throw new RejectedDelivery(RejectedDelivery.Reason.TOO_LARGE,
                            "body larger than " + maxBytes + " bytes");
                }
                mac.update(chunk, filled, n);
                sha.update(chunk, filled, n);
                filled += n;
            }
            complete = true;
            return new ReceivedBody(chunks, filled, length, reserved, budget, mac.doFinal(),
                    HexFormat.of().formatHex(sha.digest()));
        } finally {
            if (!complete) {
                budget.release(reserved);
            }
        }
    }

    /** The HMAC-SHA256 of the body with the key the {@code Mac} was given. */
    byte[] hmac() {
        return hmac.clone();
    }

    /** The hex SHA-256 of the body: the same body delivered twice has the same one. */
    String sha256() {
        return sha256;
    }

    long length() {
        return length;
    }

    /** The body's bytes, without copying them into one array. */
    InputStream open() {
        List<InputStream> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            int used = i == chunks.size() - 1 ? lastChunkLength : chunks.get(i).length;
            parts.add(new ByteArrayInputStream(chunks.get(i), 0, used));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            budget.release(reserved);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
