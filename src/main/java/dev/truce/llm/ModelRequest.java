package dev.truce.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One request to a model. The prompt comes in three parts, most stable first, so that providers' prompt caching
 * can reuse the prefix: {@code system} (Truce's instructions and answer protocol, the same for every request),
 * {@code stablePrefix} (what is shared by the requests about one file: its path, language, surrounding code), and
 * {@code content} (the hunks this request is about). Text from the repository and the pull request is untrusted
 * data inside these parts, never instructions.
 *
 * @param system          Truce's instructions
 * @param stablePrefix    context shared by the requests about one file; may be empty
 * @param content         the part specific to this request
 * @param hunkIds         the ids of the hunks this request asks about, as they appear in the prompt
 * @param maxOutputTokens the most tokens the answer may use
 */
public record ModelRequest(String system, String stablePrefix, String content, List<String> hunkIds,
        int maxOutputTokens) {

    public ModelRequest {
        hunkIds = List.copyOf(hunkIds);
    }

    /**
     * A name for this request derived from its whole content (SHA-256, first 16 hex digits): the file name under
     * which {@code --dump-prompts} writes it and {@code --model replay:DIR} looks up its answer.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(system, stablePrefix, content, String.join(",", hunkIds),
                    Integer.toString(maxOutputTokens))) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
