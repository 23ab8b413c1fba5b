package dev.truce.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place on a terminal. When stderr is not a terminal (a pipe, a file, CI)
 * it prints nothing, so logs stay clean.
 */
final class ProgressBar {

    private static final int WIDTH = 40;

    private final PrintStream out;
    private final int total;
    private final String label;
    private int lastDrawn = -1;

    private ProgressBar(PrintStream out, int total, String label) {
        this.out = out;
        this.total = total;
        this.label = label;
    }

    /** A bar on stderr if it is a terminal, otherwise one that draws nothing. */
    static ProgressBar onTerminal(int total, String label) {
        return new ProgressBar(System.console() != null ? System.err : null, total, label);
    }

    /** Redraws the bar for {@code done} items; cheap to call after every item, from any thread. */
    synchronized void update(int done) {
        if (out == null || total == 0) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        int percent = (int) (100L * done / total);
        if (percent <= lastDrawn && done != total) {
            return;
        }
        lastDrawn = percent;
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        if (done == total) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 24) + "\r");
        }
        out.flush();
    }
}
