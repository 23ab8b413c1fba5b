package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.artifact.versioning.ComparableVersion;

import dev.truce.conflict.ConflictHunk.Side;
import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.strategy.VersionLine.VersionToken;

/**
 * Both sides changed versions on the same lines of a build file. Each version is merged on its own: where
 * only one side changed it, that change is taken (plain three-way merging); where both raised a dependency's
 * version to two releases of the same release line (4.2.15 and 4.2.17), the higher one is kept, ordered as Maven
 * orders versions (1.0-M1 &lt; 1.0-RC2 &lt; 1.0-SNAPSHOT &lt; 1.0 &lt; 1.0.1), since the later release of a line
 * contains what the earlier one was raised for.
 *
 * <p>Passes when anything but versions differs, when a side lowered a version (a deliberate downgrade),
 * when the base does not line up, when both sides raised a version to different release lines (1.257 and
 * 1.256.1: the newer line's release may predate the older line's fix), and when the project's own version
 * moved to different release lines on one side only, and when versions carry different branch labels.
 *
 * <p>The project's own version ({@code <revision>}, the project's {@code <version>} or a parent version it shares,
 * {@code version=} in gradle.properties, the top-level {@code "version"} of package.json ...) identifies the branch
 * it lives on, not a contributor's change. When both sides moved it to different release lines (2.541.1 and
 * 2.542-SNAPSHOT), the result keeps the {@link ReceivingSide receiving} branch's version, since the
 * merge is committed to that branch; it is never the higher number for its own sake.
 */
final class VersionBumpStrategy implements ResolutionStrategy {

    /** Versions longer than this are not ordered (real ones are a few dozen characters at most). */
    static final int MAX_ORDERED_LENGTH = 200;

    private final ReceivingSide receiving;

    /** A strategy for merges committed to ours, git's convention. */
    public VersionBumpStrategy() {
        this(ReceivingSide.OURS);
    }

    /** A strategy for merges committed to the given side's branch, whose project version the result keeps. */
    public VersionBumpStrategy(ReceivingSide receiving) {
        this.receiving = java.util.Objects.requireNonNull(receiving, "receiving");
    }

    @Override
    public String name() {
        return "version-bump";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        VersionFileKind kind = VersionFileKind.of(file.path());
        if (kind == null) {
            return Verdict.notApplicable("not a build or version file");
        }
        if (hunk.ours().size() != hunk.theirs().size() || hunk.ours().isEmpty()) {
            return Verdict.notApplicable("ours and theirs have different lines, not just different versions");
        }
        List<VersionLine> ours = parse(file, hunk, Side.OURS, kind);
        List<VersionLine> theirs = parse(file, hunk, Side.THEIRS, kind);
        for (int i = 0; i < ours.size(); i++) {
            if (!sameShape(ours.get(i), theirs.get(i))
                    || !LineEndings.terminator(hunk.ours().get(i)).equals(LineEndings.terminator(hunk.theirs().get(i)))) {
                return Verdict.notApplicable("ours and theirs differ in more than versions");
            }
        }
        if (hunk.base().size() != hunk.ours().size()) {
            return Verdict.recognisedButPassed("only versions differ, but the base does not line up with the sides, so it is"
                    + " unknown which side changed which version");
        }
        List<VersionLine> base = parse(file, hunk, Side.BASE, kind);
        for (int i = 0; i < base.size(); i++) {
            if (!sameShape(base.get(i), ours.get(i))) {
                return Verdict.recognisedButPassed("only versions differ between the sides, but the base line differs in more"
                        + " than versions, so it is unknown which side changed which version");
            }
        }
        List<String> merged = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < ours.get(i).tokens().size(); j++) {
                VersionToken b = base.get(i).tokens().get(j);
                VersionToken o = ours.get(i).tokens().get(j);
                VersionToken t = theirs.get(i).tokens().get(j);
                TokenChoice choice = choose(b, o, t);
                if (choice.pass() != null) {
                    return Verdict.recognisedButPassed(choice.pass());
                }
                texts.add(choice.text());
                if (choice.explanation() != null) {
                    decisions.add(choice.explanation());
                }
            }
            merged.add(ours.get(i).with(texts) + LineEndings.terminator(hunk.ours().get(i)));
        }
        return new Verdict.Resolved(merged, "only versions differ: " + String.join("; ", decisions));
    }

    /** Decides one version token by three-way merging, then by order where both sides raised it. */
    private TokenChoice choose(VersionToken base, VersionToken ours, VersionToken theirs) {
        String key = ours.key();
        if (ours.text().equals(theirs.text())) {
            return new TokenChoice(ours.text(), null, null);
        }
        if (ours.text().equals(base.text())) {
            return new TokenChoice(theirs.text(), key + " " + base.text() + " -> " + theirs.text()
                    + " (only theirs changed it)", null);
        }
        if (theirs.text().equals(base.text())) {
            return new TokenChoice(ours.text(), key + " " + base.text() + " -> " + ours.text()
                    + " (only ours changed it)", null);
        }
        if (Math.max(base.text().length(), Math.max(ours.text().length(), theirs.text().length())) > MAX_ORDERED_LENGTH) {
            // Maven's ordering recurses once per '-' part, and no real version is this long.
            return TokenChoice.passing("both sides changed " + key + ", to versions over " + MAX_ORDERED_LENGTH
                    + " characters long; versions that long are not ordered");
        }
        ComparableVersion b = new ComparableVersion(base.text());
        ComparableVersion o = new ComparableVersion(ours.text());
        ComparableVersion t = new ComparableVersion(theirs.text());
        if (o.compareTo(b) < 0 || t.compareTo(b) < 0) {
            String side = o.compareTo(b) < 0 ? "ours" : "theirs";
            return TokenChoice.passing(side + " lowered " + key + " from " + base.text() + " to "
                    + (side.equals("ours") ? ours.text() : theirs.text())
                    + ": a deliberate downgrade is not overridden by the other side's version");
        }
        int order = o.compareTo(t);
        if (order == 0) {
            return TokenChoice.passing(key + " " + ours.text() + " and " + theirs.text()
                    + " are the same version written differently");
        }
        if (!orderableQualifiers(ours.text(), theirs.text())) {
            // A feature branch's label (2.57-JENKINS-24141-SNAPSHOT against 2.58-SNAPSHOT) is often carried onto
            // the other side's number, a version neither side wrote, so not even the receiving side's is kept.
            return TokenChoice.passing(key + " " + ours.text() + " and " + theirs.text() + " carry different labels"
                    + " (a branch or build name, not a release stage): their order says nothing about which to keep");
        }
        if (ours.own() && theirs.own() && !sameReleaseLine(ours.text(), theirs.text())) {
            return keepReceiving(key, ours, theirs);
        }
        if ((ours.own() || theirs.own()) && !sameReleaseLine(ours.text(), theirs.text())) {
            return TokenChoice.passing("the project's own version (" + key + ") moved to different release lines, "
                    + ours.text() + " in ours and " + theirs.text() + " in theirs: which line the result is on"
                    + " is the branch's identity, not the higher number");
        }
        if (!sameReleaseLine(ours.text(), theirs.text())) {
            // A later patch on an older line (1.256.1) may carry fixes, often security fixes, that the chosen
            // release of a newer line (1.257) predates: the right answer may be a release neither side names.
            return TokenChoice.passing("both raised " + key + " from " + base.text() + ", to different release lines ("
                    + ours.text() + " in ours, " + theirs.text() + " in theirs): the higher line's release may lack"
                    + " the other line's later fixes");
        }
        boolean oursHigher = order > 0;
        String higher = oursHigher ? ours.text() : theirs.text();
        String lower = oursHigher ? theirs.text() : ours.text();
        return new TokenChoice(higher, key + " " + base.text() + " -> " + higher + " (" + (oursHigher ? "ours" : "theirs")
                + "; both raised it, " + higher + " > " + lower + ")", null);
    }

    /** The project's own version from the receiving side, which the merge result is committed to. */
    private TokenChoice keepReceiving(String key, VersionToken ours, VersionToken theirs) {
        boolean keepOurs = receiving == ReceivingSide.OURS;
        String kept = keepOurs ? ours.text() : theirs.text();
        String other = keepOurs ? theirs.text() : ours.text();
        return new TokenChoice(kept, "kept " + receiving.label() + "' project version " + kept + " (" + key
                + "): the project's own version identifies the branch the merge is committed to; "
                + receiving.otherLabel() + "' " + other + " is its own branch's version", null);
    }

    /**
     * Versions on the same release line have the same number of numeric components and differ only in the
     * last (2.204.6 and 2.204.7; 7.0.9 and 7.0.10): the higher is the later release of that one line.
     */
    static boolean sameReleaseLine(String a, String b) {
        String[] x = numericPart(a).split("\\.");
        String[] y = numericPart(b).split("\\.");
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length - 1; i++) {
            if (!x[i].equals(y[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the qualifiers of two versions can be ordered: the same words, or only release stages Maven
     * knows how to order (SNAPSHOT, alpha, beta, M, RC, Final ...). 2.58-SNAPSHOT and
     * 2.57-JENKINS-24141-SNAPSHOT cannot: one is labelled with a feature branch.
     */
    static boolean orderableQualifiers(String a, String b) {
        List<String> x = qualifierWords(a);
        List<String> y = qualifierWords(b);
        return x.equals(y) || RELEASE_STAGES.containsAll(x) && RELEASE_STAGES.containsAll(y);
    }

    private static final java.util.Set<String> RELEASE_STAGES = java.util.Set.of("snapshot", "alpha", "a", "beta",
            "b", "milestone", "m", "rc", "cr", "ga", "final", "release", "sp", "jre", "android", "preview", "pre",
            "dev", "post", "ea", "incubating");

    private static List<String> qualifierWords(String version) {
        String qualifier = version.substring(numericPart(version).length()).toLowerCase(java.util.Locale.ROOT);
        return java.util.Arrays.stream(qualifier.split("[^a-z]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static String numericPart(String version) {
        int end = 0;
        while (end < version.length() && (Character.isDigit(version.charAt(end))
                || version.charAt(end) == '.' && end + 1 < version.length() && Character.isDigit(version.charAt(end + 1)))) {
            end++;
        }
        return version.substring(0, end);
    }

    private static boolean sameShape(VersionLine a, VersionLine b) {
        return a.shape().equals(b.shape()) && a.tokens().size() == b.tokens().size();
    }

    private static List<VersionLine> parse(ConflictedFile file, ConflictHunk hunk, Side side, VersionFileKind kind) {
        List<VersionLine> lines = new ArrayList<>();
        boolean parentIsOwn = kind == VersionFileKind.MAVEN_POM
                && MavenCoordinates.read(EnclosingScope.sideText(file, side)).parentVersionIsOwn();
        List<String> sideLines = hunk.side(side);
        List<String> scopes = EnclosingScope.scopes(kind, file, hunk, side);
        for (int i = 0; i < sideLines.size(); i++) {
            lines.add(VersionLine.parse(kind, scopes.get(i), LineEndings.content(sideLines.get(i)), parentIsOwn));
        }
        return lines;
    }

    /** The text chosen for one token and why, or why the hunk is passed. */
    private record TokenChoice(String text, String explanation, String pass) {
        static TokenChoice passing(String reason) {
            return new TokenChoice(null, null, reason);
        }
    }
}
