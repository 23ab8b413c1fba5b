package dev.truce.strategy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;

/**
 * The shapes of list entries {@link ListInsertionStrategy} knows how to put side by side: each says how an
 * entry starts, whether more lines belong to it, and what key identifies it.
 */
enum EntryShape {
    // Possessive quantifiers (*+, ++) where no later part of a pattern can need what they took, and the lazy
    // ".*?" before trailing spaces spelled as "characters up to the last non-space": the same matches and groups,
    // in linear time (".*?\\s*" took quadratic time on a long run of spaces inside a line).
    /** One name per line, as in AUTHORS and CONTRIBUTORS files. */
    NAME_LINE(Pattern.compile("()(\\S" + Constants.UP_TO_LAST_NON_SPACE + ")\\s*+")),
    /** A bullet ({@code - }, {@code * }, {@code + }), possibly with continuation lines indented under it. */
    BULLET(Pattern.compile("(\\s*+[-*+] )(" + Constants.UP_TO_LAST_NON_SPACE + ")\\s*+")),
    /** A reStructuredText link target, {@code .. _name: url}. */
    RST_TARGET(Pattern.compile("(\\s*+\\.\\. _)([^:]++):.*+")),
    /** An XML element on one line, {@code <module>x</module>}. */
    XML_LINE(Pattern.compile("(\\s*+<[\\w.:-]++)(?:\\s[^>]*+)?>(.*)</[\\w.:-]+>\\s*+")),
    /** An XML element spanning lines up to its closing tag at the same indentation. */
    XML_BLOCK(Pattern.compile("(\\s*+<[\\w.:-]++)((?:\\s[^>]*+)?)>\\s*+")),
    /** A Java or Kotlin enum constant ending with a comma. */
    ENUM_CONSTANT(Pattern.compile("(\\s*+)([A-Z][A-Z0-9_]*+)(?:\\(.*\\))?\\s*+([,;]?)\\s*+(?://.*+)?")),
    /** A quoted string list item ending with a comma. */
    QUOTED_ITEM(Pattern.compile("(\\s*+)([\"'].*[\"'])\\s*+,?\\s*+")),
    /** A {@code key = value} or {@code key: value} line of a properties or YAML map. */
    KEY_VALUE(Pattern.compile("(\\s*+)([\\w.\\-\\[\\]\"']++)\\s*+([=:])\\s*+\\S.*+"));

    /** Shared pattern parts (an enum's constants cannot read its static fields). */
    private static final class Constants {
        /**
         * What {@code .*?} matched before trailing spaces: runs of spaces each followed by a character that is neither
         * a space nor a line terminator ({@code .} matches no line terminator).
         */
        static final String UP_TO_LAST_NON_SPACE = "(?:[ \\t\\x0B\\f]*+[^\\s\\u0085\\u2028\\u2029])*+";
    }

    private final Pattern pattern;

    EntryShape(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The shape a line starts, in the given kind of file, or {@code null} if it starts none. */
    static EntryShape of(FileType type, String line) {
        String content = LineEndings.content(line);
        if (content.isBlank()) {
            return null;
        }
        for (EntryShape shape : values()) {
            if (shape.allowedIn(type) && shape.pattern.matcher(content).matches()) {
                return shape;
            }
        }
        return null;
    }

    private boolean allowedIn(FileType type) {
        return switch (this) {
            case NAME_LINE -> type == FileType.AUTHORS;
            case ENUM_CONSTANT -> type == FileType.JAVA || type == FileType.KOTLIN;
            case XML_LINE, XML_BLOCK -> type == FileType.MAVEN_POM || type == FileType.XML || type == FileType.JELLY;
            case KEY_VALUE -> type == FileType.PROPERTIES || type == FileType.YAML || type == FileType.INI;
            // In code a leading "* " is a comment line, not a list item.
            case BULLET, RST_TARGET -> type == FileType.CHANGELOG || type == FileType.MARKDOWN || type == FileType.RST
                    || type == FileType.ASCIIDOC || type == FileType.YAML || type == FileType.TEXT;
            case QUOTED_ITEM -> true;
        };
    }

    /**
     * What must be equal for two lines to start entries of the same list: the indentation and marker (or the
     * element name, or the separator of a map).
     */
    String signature(String line) {
        Matcher m = pattern.matcher(LineEndings.content(line));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a " + this + " line: " + line);
        }
        return switch (this) {
            case KEY_VALUE -> m.group(1) + m.group(3);
            default -> m.group(1);
        };
    }

    /** The key that identifies the entry starting at this line: two entries with one key are one thing. */
    String key(String line) {
        Matcher m = pattern.matcher(LineEndings.content(line));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a " + this + " line: " + line);
        }
        return switch (this) {
            case XML_LINE, XML_BLOCK -> LineEndings.content(line).strip();
            default -> m.group(2).strip();
        };
    }

    /** Whether entries of this shape may have more lines than the first. */
    boolean hasContinuations() {
        return this == BULLET || this == XML_BLOCK;
    }

    /** Whether entries of this shape are separated by commas, so each inserted one needs its own. */
    boolean commaSeparated() {
        return this == ENUM_CONSTANT || this == QUOTED_ITEM;
    }
}
