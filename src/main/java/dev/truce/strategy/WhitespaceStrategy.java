package dev.truce.strategy;

import java.util.List;
import java.util.Locale;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;

/**
 * The {@code whitespace} strategy: ours and theirs say the same after ignoring indentation, trailing whitespace and
 * line endings: the side whose whitespace matches the file's conventions (its stable lines) is taken. In files where
 * indentation is meaning (Python, YAML, Makefiles) it never treats an indentation difference between ours and
 * theirs as "only whitespace". Where one side changed only whitespace and the other content, see
 * {@link WhitespaceCarryStrategy}.
 */
final class WhitespaceStrategy implements ResolutionStrategy {

    /** The {@code whitespace} strategy: both sides made the same change, with different whitespace. */
    public WhitespaceStrategy() {
    }

    @Override
    public String name() {
        return "whitespace";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        return sameIgnoringWhitespace(hunk.ours(), hunk.theirs(), indentationSensitive(file))
                ? pickByConvention(file, hunk)
                : Verdict.notApplicable("ours and theirs differ in more than whitespace");
    }

    private static Verdict pickByConvention(ConflictedFile file, ConflictHunk hunk) {
        Conventions conventions = Conventions.of(file.stableLines());
        int ours = conventions.score(hunk.ours());
        int theirs = conventions.score(hunk.theirs());
        if (ours == theirs) {
            return Verdict.recognisedButPassed("ours and theirs differ only in whitespace and fit the file's conventions ("
                    + conventions.describe() + ") equally well");
        }
        boolean takeOurs = ours > theirs;
        return new Verdict.Resolved(takeOurs ? hunk.ours() : hunk.theirs(), "ours and theirs differ only in"
                + " whitespace; took " + (takeOurs ? "ours" : "theirs") + ", whose whitespace matches the file ("
                + conventions.describe() + ")");
    }

    /**
     * Whether two runs of lines are the same apart from trailing whitespace and line endings, and, where
     * indentation carries no meaning, apart from indentation.
     */
    static boolean sameIgnoringWhitespace(List<String> a, List<String> b, boolean keepIndentation) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = LineEndings.content(a.get(i)).stripTrailing();
            String y = LineEndings.content(b.get(i)).stripTrailing();
            if (!(keepIndentation ? x.equals(y) : x.stripLeading().equals(y.stripLeading()))) {
                return false;
            }
        }
        return true;
    }

    static boolean indentationSensitive(ConflictedFile file) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.fileType() == FileType.PYTHON || file.fileType() == FileType.YAML
                || name.equals("makefile") || name.equals("gnumakefile") || name.endsWith(".mk");
    }

    static String indentation(String content) {
        int i = 0;
        while (i < content.length() && (content.charAt(i) == ' ' || content.charAt(i) == '\t')) {
            i++;
        }
        return content.substring(0, i);
    }

    /**
     * The whitespace habits of a file, read from its stable lines: line terminator, indentation with tabs or
     * spaces, and whether lines end in whitespace.
     */
    record Conventions(String terminator, boolean tabs, boolean trailingWhitespace) {

        static Conventions of(List<String> stable) {
            int tabIndented = 0;
            int spaceIndented = 0;
            int trailing = 0;
            for (String line : stable) {
                String content = LineEndings.content(line);
                if (content.startsWith("\t")) {
                    tabIndented++;
                } else if (content.startsWith(" ") && !content.isBlank()) {
                    spaceIndented++;
                }
                if (!content.isBlank() && !content.equals(content.stripTrailing())) {
                    trailing++;
                }
            }
            return new Conventions(LineEndings.dominant(stable), tabIndented > spaceIndented,
                    trailing * 2 > stable.size());
        }

        /** How many of the lines follow the conventions, counting each habit separately. */
        int score(List<String> lines) {
            int score = 0;
            for (String line : lines) {
                String content = LineEndings.content(line);
                String terminator = LineEndings.terminator(line);
                if (terminator.isEmpty() || terminator.equals(this.terminator)) {
                    score++;
                }
                String indent = indentation(content);
                if (content.isBlank() || indent.isEmpty() || (tabs ? indent.indexOf(' ') < 0 : indent.indexOf('\t') < 0)) {
                    score++;
                }
                if (content.isBlank() || trailingWhitespace || content.equals(content.stripTrailing())) {
                    score++;
                }
            }
            return score;
        }

        String describe() {
            return (terminator.equals("\r\n") ? "CRLF" : "LF") + " line endings, " + (tabs ? "tab" : "space")
                    + " indentation" + (trailingWhitespace ? ", trailing whitespace" : ", no trailing whitespace");
        }
    }
}
