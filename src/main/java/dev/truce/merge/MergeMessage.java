package dev.truce.merge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads back what {@link MergeCommitWriter} wrote in a merge commit's message about each hunk: who decided it and
 * why ({@code  hunk 0 (ours line 4): version-bump - jackson.version 2.17.0 -> 2.17.2 ...}), by file. A repair that
 * starts from a committed fix needs it to keep crediting each hunk to its strategy or model.
 */
public final class MergeMessage {

    private MergeMessage() {
    }

    /**
     * A hunk's decision as the message records it.
     *
     * @param decidedBy the strategy's name or {@code model:<name>}
     * @param reason    the reason that followed
     */
    public record Decision(String decidedBy, String reason) {
    }

    /** Per path, per hunk id, the decision; files and hunks the message does not describe are absent. */
    public static Map<String, Map<Integer, Decision>> decisions(String message) {
        Map<String, Map<Integer, Decision>> out = new LinkedHashMap<>();
        String path = null;
        for (String line : message.lines().toList()) {
            if (line.startsWith("  hunk ") && path != null) {
                int open = line.indexOf(" (", 7);
                int close = line.indexOf("): ", 7);
                if (open < 0 || close < 0 || close < open) {
                    continue;
                }
                int id;
                try {
                    id = Integer.parseInt(line.substring(7, open));
                } catch (NumberFormatException e) {
                    continue;
                }
                String rest = line.substring(close + 3);
                int space = rest.indexOf(' ');
                int dash = rest.indexOf(" - ");
                if (space <= 0 || dash < 0) {
                    continue;
                }
                out.computeIfAbsent(path, k -> new LinkedHashMap<>()).put(id, new Decision(rest.substring(0, space),
                        rest.substring(dash + 3)));
            } else if (!line.startsWith(" ") && line.contains(" [") && line.contains("]: ")) {
                String head = line.substring(0, line.lastIndexOf(" [", line.indexOf("]: ")));
                int renamed = head.indexOf(" (renamed from ");
                path = renamed < 0 ? head : head.substring(0, renamed);
            } else if (!line.startsWith(" ")) {
                path = null;
            }
        }
        return out;
    }
}
