package dev.truce.conflict;

import java.util.List;

/**
 * Lines in Truce keep their terminator ({@code "\n"}, {@code "\r\n"} or none at the end of a file),
 * so that text can be reassembled byte for byte; this class reads those terminators.
 */
public final class LineEndings {

    private LineEndings() {
    }

    /** The line without its terminator. */
    public static String content(String line) {
        return line.substring(0, line.length() - terminator(line).length());
    }

    /** The terminator of the line: {@code "\r\n"}, {@code "\n"} or {@code ""}. */
    public static String terminator(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        return line.endsWith("\n") ? "\n" : "";
    }

    /** The terminator most lines use, {@code "\n"} when there is none. */
    public static String dominant(List<String> lines) {
        int crlf = 0;
        int lf = 0;
        for (String line : lines) {
            String t = terminator(line);
            if (t.equals("\r\n")) {
                crlf++;
            } else if (t.equals("\n")) {
                lf++;
            }
        }
        return crlf > lf ? "\r\n" : "\n";
    }

    /** Splits text into lines that keep their terminators; empty text has no lines. */
    public static List<String> split(String text) {
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
