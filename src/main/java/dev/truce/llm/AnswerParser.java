package dev.truce.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.LineEndings;
import dev.truce.context.PromptPlan;

/**
 * Reads a model's answer strictly (the protocol is in {@code prompts/system.txt}). The whole answer is rejected
 * when: it was truncated; an id is unknown, missing or answered twice; there is non-blank text outside the blocks;
 * a block is malformed or lacks its rationale; a resolution keeps conflict markers ({@code <<<<<<<},
 * {@code |||||||}, {@code =======}, {@code >>>>>>>} at line start) that are not in the hunk's own sides (an
 * reStructuredText underline is); or a resolution repeats the unchanged context line right before or after the
 * region that no side has there. Repeated context is rejected, not stripped: the model then misread the region's
 * edges, and guessing what it meant is what this parser exists to avoid.
 *
 * <p>Nothing in an answer is ever executed or interpreted: a resolution is text for its region and nothing else.
 */
public final class AnswerParser {

    // One anchored attempt per line and possessive runs before what cannot continue them: linear in a line's length.
    private static final Pattern RESOLVED = Pattern.compile(
            "^<<<HUNK (\\S++) RESOLVED confidence=(high|medium|low)>>>\\s*$");
    private static final Pattern DECLINED = Pattern.compile("^<<<HUNK (\\S++) DECLINED>>>(.*)$");
    private static final Pattern RATIONALE = Pattern.compile("^rationale:\\s*+(\\S.*)$");
    private static final List<String> MARKERS = List.of("<<<<<<<", "|||||||", "=======", ">>>>>>>");

    /**
     * Parses an answer about {@code hunks}.
     *
     * @param text      the answer
     * @param truncated whether the provider said the output limit was reached
     * @return one answer per hunk index
     * @throws AnswerRejectedException when the answer breaks the protocol in any way
     */
    public Map<Integer, HunkAnswer> parse(String text, boolean truncated, List<ConflictHunk> hunks)
            throws AnswerRejectedException {
        if (truncated) {
            throw new AnswerRejectedException("the answer was cut off at the output limit (truncated)");
        }
        if (text == null) {
            throw new AnswerRejectedException("the answer is empty");
        }
        Map<String, ConflictHunk> byId = new LinkedHashMap<>();
        hunks.forEach(h -> byId.put(PromptPlan.idOf(h.id()), h));
        Map<Integer, HunkAnswer> answers = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = LineEndings.content(lines[i] + "\n");
        }
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher resolved = RESOLVED.matcher(line);
            Matcher declined = DECLINED.matcher(line);
            if (resolved.matches()) {
                ConflictHunk hunk = expect(resolved.group(1), byId, answers);
                String end = "<<<END " + resolved.group(1) + ">>>";
                List<String> body = new ArrayList<>();
                i++;
                while (i < lines.length && !lines[i].stripTrailing().equals(end)) {
                    if (lines[i].startsWith("<<<HUNK ") || lines[i].startsWith("<<<END ")) {
                        throw new AnswerRejectedException("block " + resolved.group(1) + " is not closed by " + end
                                + " before '" + lines[i] + "'");
                    }
                    body.add(lines[i]);
                    i++;
                }
                if (i == lines.length) {
                    throw new AnswerRejectedException("block " + resolved.group(1) + " has no " + end
                            + ": the answer is truncated");
                }
                i++;
                while (i < lines.length && lines[i].isBlank()) {
                    i++;
                }
                Matcher rationale = i < lines.length ? RATIONALE.matcher(lines[i]) : null;
                if (rationale == null || !rationale.matches()) {
                    throw new AnswerRejectedException("block " + resolved.group(1) + " must be followed by a"
                            + " 'rationale: ...' line");
                }
                i++;
                check(resolved.group(1), body, hunk);
                answers.put(hunk.id(), new HunkAnswer.Resolved(body, resolved.group(2), rationale.group(1).strip()));
            } else if (declined.matches()) {
                ConflictHunk hunk = expect(declined.group(1), byId, answers);
                String reason = declined.group(2).strip();
                if (reason.isEmpty()) {
                    throw new AnswerRejectedException("the decline of " + declined.group(1) + " gives no reason");
                }
                answers.put(hunk.id(), new HunkAnswer.Declined(reason));
                i++;
            } else if (line.startsWith("<<<")) {
                throw new AnswerRejectedException("malformed block header '" + line + "'; expected '<<<HUNK id"
                        + " RESOLVED confidence=high|medium|low>>>' or '<<<HUNK id DECLINED>>> reason'");
            } else {
                throw new AnswerRejectedException("text outside the answer blocks: '" + abbreviate(line) + "'");
            }
        }
        List<String> missing = byId.entrySet().stream().filter(e -> !answers.containsKey(e.getValue().id()))
                .map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new AnswerRejectedException("no answer for " + String.join(", ", missing));
        }
        return answers;
    }

    private static ConflictHunk expect(String id, Map<String, ConflictHunk> byId, Map<Integer, HunkAnswer> answers)
            throws AnswerRejectedException {
        ConflictHunk hunk = byId.get(id);
        if (hunk == null) {
            throw new AnswerRejectedException("unknown id " + id + "; the ids asked about are "
                    + String.join(", ", byId.keySet()));
        }
        if (answers.containsKey(hunk.id())) {
            throw new AnswerRejectedException(id + " is answered twice");
        }
        return hunk;
    }

    private static void check(String id, List<String> body, ConflictHunk hunk) throws AnswerRejectedException {
        Set<String> sideLines = new java.util.HashSet<>();
        for (ConflictHunk.Side side : ConflictHunk.Side.values()) {
            hunk.side(side).forEach(l -> sideLines.add(LineEndings.content(l)));
        }
        for (String line : body) {
            if (MARKERS.stream().anyMatch(line::startsWith) && !sideLines.contains(line)) {
                throw new AnswerRejectedException(id + " still contains a conflict marker: '" + abbreviate(line) + "'");
            }
        }
        if (body.isEmpty()) {
            return;
        }
        String firstLine = body.get(0);
        if (!hunk.before().isEmpty() && !firstLine.isBlank()
                && firstLine.equals(LineEndings.content(hunk.before().get(hunk.before().size() - 1)))
                && noSide(hunk, s -> !s.isEmpty() && LineEndings.content(s.get(0)).equals(firstLine))) {
            throw new AnswerRejectedException(id + " repeats the context line before the region ('"
                    + abbreviate(firstLine) + "'); answer with the conflicted region only");
        }
        String lastLine = body.get(body.size() - 1);
        if (!hunk.after().isEmpty() && !lastLine.isBlank()
                && lastLine.equals(LineEndings.content(hunk.after().get(0)))
                && noSide(hunk, s -> !s.isEmpty() && LineEndings.content(s.get(s.size() - 1)).equals(lastLine))) {
            throw new AnswerRejectedException(id + " repeats the context line after the region ('"
                    + abbreviate(lastLine) + "'); answer with the conflicted region only");
        }
    }

    private static boolean noSide(ConflictHunk hunk, java.util.function.Predicate<List<String>> test) {
        return !test.test(hunk.base()) && !test.test(hunk.ours()) && !test.test(hunk.theirs());
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
