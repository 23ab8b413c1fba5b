package dev.truce.repoconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ignore} glob of {@code truce.yml}: {@code *} matches within a directory, {@code **} across directories
 * ({@code **}{@code /} also matches no directory at all), {@code ?} one character other than {@code /}; a glob
 * without {@code /} matches a file name anywhere, a leading {@code /} anchors it at the repository root.
 *
 * <p>Matched by simulating the glob's automaton over the path (a set of positions in the glob, advanced one
 * character at a time), so a match takes at most (path length) x (glob length) steps whatever the glob holds;
 * a glob turned into a backtracking regular expression takes exponential time on globs like
 * {@code **a**a**a**a**ab}. Runs of wildcards that mean the same ({@code ****}, {@code **}{@code /**}) collapse to
 * one.
 */
final class Glob {

    /** The longest glob {@code truce.yml} accepts. */
    static final int MAX_LENGTH = 256;

    /** The most wildcards ({@code *}, {@code **}, {@code ?}, after collapsing repeats) one glob may hold. */
    static final int MAX_WILDCARDS = 32;

    private enum Kind {
        /** One given character. */
        LITERAL,
        /** {@code ?}: one character other than {@code /}. */
        ONE,
        /** {@code *}: any run of characters other than {@code /}. */
        STAR,
        /** {@code **}: any run of characters. */
        ANY,
        /** {@code **}{@code /}: nothing, or any run of characters that ends with {@code /}. */
        DIRECTORIES
    }

    private record Token(Kind kind, char c) {
        boolean wildcard() {
            return kind != Kind.LITERAL;
        }
    }

    private final List<Token> tokens;
    private final boolean anywhere;

    private Glob(List<Token> tokens, boolean anywhere) {
        this.tokens = tokens;
        this.anywhere = anywhere;
    }

    /** Reads a glob; every string is a glob (limits are checked by {@link #check}). */
    static Glob of(String glob) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                add(tokens, new Token(slash ? Kind.DIRECTORIES : Kind.ANY, '*'));
                i += slash ? 2 : 1;
            } else if (c == '*') {
                add(tokens, new Token(Kind.STAR, '*'));
            } else if (c == '?') {
                tokens.add(new Token(Kind.ONE, '?'));
            } else {
                tokens.add(new Token(Kind.LITERAL, c));
            }
        }
        return new Glob(List.copyOf(tokens), !glob.contains("/"));
    }

    /**
     * Appends a wildcard, merging it with a wildcard before it where the two match exactly what one does:
     * {@code ** *} and {@code * **} are {@code **}, {@code * *} is {@code *}, {@code **}{@code /**}{@code /} is
     * {@code **}{@code /}, and {@code **}{@code /*} is {@code **} (any path ends in a part without {@code /}).
     */
    private static void add(List<Token> tokens, Token next) {
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        if (last == null || last.kind() == Kind.LITERAL || last.kind() == Kind.ONE) {
            tokens.add(next);
            return;
        }
        Kind a = last.kind();
        Kind b = next.kind();
        Kind merged;
        if (a == Kind.ANY || b == Kind.ANY) {
            merged = Kind.ANY;
        } else if (a == b) {
            merged = a;
        } else if (a == Kind.DIRECTORIES && b == Kind.STAR) {
            merged = Kind.ANY;
        } else {
            tokens.add(next); // * then **/: no single wildcard says "no / at all, or ends with /"
            return;
        }
        tokens.set(tokens.size() - 1, new Token(merged, '*'));
    }

    /**
     * Checks a glob against the limits.
     *
     * @throws RepoConfigException naming the glob and the limit it is over
     */
    static void check(String glob) throws RepoConfigException {
        if (glob.length() > MAX_LENGTH) {
            throw new RepoConfigException("'ignore' glob '" + glob.substring(0, 60) + "...' is " + glob.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        long wildcards = of(glob).tokens.stream().filter(Token::wildcard).count();
        if (wildcards > MAX_WILDCARDS) {
            throw new RepoConfigException("'ignore' glob '" + glob + "' has " + wildcards + " wildcards (*, ** and ?);"
                    + " at most " + MAX_WILDCARDS + " are allowed: split it into simpler globs");
        }
    }

    /** Whether the glob matches a path (a glob without {@code /} matches the path's file name). */
    boolean matches(String path) {
        String text = anywhere ? path.substring(path.lastIndexOf('/') + 1) : path;
        int m = tokens.size();
        // at[k]: the glob's first k tokens match the text read so far. inside[k]: a DIRECTORIES token k has read
        // at least one character but not yet its closing '/'.
        boolean[] at = new boolean[m + 1];
        boolean[] inside = new boolean[m + 1];
        boolean[] nextAt = new boolean[m + 1];
        boolean[] nextInside = new boolean[m + 1];
        at[0] = true;
        close(at);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            java.util.Arrays.fill(nextAt, false);
            java.util.Arrays.fill(nextInside, false);
            boolean any = false;
            for (int k = 0; k < m; k++) {
                if (!at[k] && !inside[k]) {
                    continue;
                }
                Token t = tokens.get(k);
                switch (t.kind()) {
                    case LITERAL -> nextAt[k + 1] |= at[k] && c == t.c();
                    case ONE -> nextAt[k + 1] |= at[k] && c != '/';
                    case STAR -> nextAt[k] |= at[k] && c != '/';
                    case ANY -> nextAt[k] |= at[k];
                    case DIRECTORIES -> {
                        nextInside[k] = true;
                        nextAt[k + 1] |= c == '/';
                    }
                }
            }
            for (int k = 0; k <= m; k++) {
                any |= nextAt[k] || nextInside[k];
            }
            if (!any) {
                return false;
            }
            boolean[] swap = at;
            at = nextAt;
            nextAt = swap;
            swap = inside;
            inside = nextInside;
            nextInside = swap;
            close(at);
        }
        return at[m];
    }

    /** Wildcards match the empty text: a position before one is also a position after it. */
    private void close(boolean[] at) {
        for (int k = 0; k < tokens.size(); k++) {
            if (at[k] && tokens.get(k).wildcard() && tokens.get(k).kind() != Kind.ONE) {
                at[k + 1] = true;
            }
        }
    }
}
