package dev.truce.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import dev.truce.llm.Usage;

/** A model that gives the answers a test wrote, in order, and keeps every request it was sent. */
public final class ScriptedModel implements ModelClient {

    private final Deque<String> answers = new ArrayDeque<>();
    /** The requests, in order. */
    public final List<ModelRequest> requests = new ArrayList<>();

    /** A model that answers with {@code answers}, one per request. */
    public ScriptedModel(String... answers) {
        this.answers.addAll(List.of(answers));
    }

    /** The answer format for one resolved hunk: {@code lines} (each without its terminator) and a rationale. */
    public static String resolved(int hunk, String rationale, String... lines) {
        StringBuilder text = new StringBuilder("<<<HUNK h" + hunk + " RESOLVED confidence=high>>>\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.append("<<<END h").append(hunk).append(">>>\nrationale: ").append(rationale).append('\n')
                .toString();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelException {
        requests.add(request);
        if (answers.isEmpty()) {
            throw new ModelException("the script has no answer left for request " + requests.size());
        }
        return new ModelReply(answers.poll(), false, null, new Usage(100, 0, 10), Duration.ofMillis(5), "scripted");
    }
}
