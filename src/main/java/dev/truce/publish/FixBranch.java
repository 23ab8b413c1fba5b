package dev.truce.publish;

import org.eclipse.jgit.lib.ObjectId;

/** Names of the branches Truce owns: {@code truce/<pr-number>-<short-head-sha>}, one per pull request head. */
public final class FixBranch {

    private FixBranch() {
    }

    /** The fix branch for a pull request at a head commit. */
    public static String name(int number, ObjectId head) {
        return prefix(number) + head.abbreviate(7).name();
    }

    /** What every fix branch of a pull request starts with. */
    public static String prefix(int number) {
        return "truce/" + number + "-";
    }

    /** The pull request number of a fix branch's name, or {@code null} for a name that is not one. */
    public static Integer number(String branch) {
        if (branch == null || !branch.startsWith("truce/")) {
            return null;
        }
        String rest = branch.substring("truce/".length());
        int dash = rest.indexOf('-');
        if (dash < 1 || dash > 9 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)
                || !rest.substring(dash + 1).matches("[0-9a-f]{7,40}")) {
            return null;
        }
        return Integer.valueOf(rest.substring(0, dash));
    }

    /** The trailer of a fix commit's message that counts Truce's rounds of repair after the repository's checks. */
    public static final String REPAIR_TRAILER = "Truce-CI-Repair: ";

    /** How many rounds of repair after the repository's checks made {@code message}'s commit (0: the first fix). */
    public static int repairRounds(String message) {
        for (String line : message.lines().toList()) {
            if (line.startsWith(REPAIR_TRAILER)) {
                try {
                    return Integer.parseInt(line.substring(REPAIR_TRAILER.length()).strip());
                } catch (NumberFormatException e) {
                    return Integer.MAX_VALUE; // unreadable: no more rounds
                }
            }
        }
        return 0;
    }
}
