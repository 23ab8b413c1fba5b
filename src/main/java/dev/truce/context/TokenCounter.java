package dev.truce.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with OpenAI's {@code cl100k_base} encoding (bundled in jtokkit, no network). Other providers'
 * tokenisers differ by some percent; budgets are set with that margin in mind.
 */
final class TokenCounter {

    // Loading an encoding reads its vocabulary: once per JVM. Encodings are thread-safe. The lazy registry reads only
    // this one (39 MiB allocated); the default registry parses all four of jtokkit's bundles (174 MiB), which made the
    // first job with a model rise 167-174 MiB in resident memory instead of 46-47 (docs/performance.md, fifth pass).
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    /** The number of tokens of {@code text}. */
    public int count(String text) {
        return text == null || text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
    }
}
