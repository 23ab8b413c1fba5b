package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

class CommandLineLoggingTest {

    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(stderr);
        System.clearProperty("logback.configurationFile");
    }

    @Test
    void logbackFindsTheConfigurationOfTheCommandLine() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(CommandLineLogging.class);
    }

    @Test
    void onlyProblemsReachStderrWithTheirLevelLoggerAndStackTrace() {
        LoggerContext context = configured();
        org.slf4j.Logger log = context.getLogger("org.eclipse.jgit.internal.storage.file.FileRepository");

        log.info("opened the repository");
        log.warn("could not read {}", "packed-refs", new IllegalStateException("truncated file"));

        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err).doesNotContain("opened the repository")
                .startsWith("WARN o.e.j.i.s.f.FileRepository: could not read packed-refs" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: truncated file")
                .contains("at dev.truce.cli.CommandLineLoggingTest.");
    }

    @Test
    void aNamedConfigurationFileWins() {
        System.setProperty("logback.configurationFile", "somewhere/logback.xml");
        LoggerContext context = new LoggerContext();
        CommandLineLogging logging = new CommandLineLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    private LoggerContext configured() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's provider sets before it configures
        CommandLineLogging logging = new CommandLineLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }
}
