package dev.truce.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The result of running {@code truce} in-process, its command line built as {@code main} builds it.
 *
 * @param exitCode the exit code
 * @param out      what it printed on standard output
 * @param err      what it printed on standard error
 */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun truce(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TruceCommand.commandLine(args).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
