package dev.truce.observe;

import java.util.Map;

import org.slf4j.MDC;

/**
 * What every log line of a delivery or a job carries (SLF4J's MDC, so both the text pattern and the JSON formats show
 * it): the GitHub delivery id, the repository, the pull request number and the job. The webhook opens a scope per
 * delivery; the job queue stores the delivery id with each job and opens a scope around its run, so a job's lines
 * can be found from the delivery GitHub shows in the App's settings.
 */
public final class LogContext {

    /** The {@code X-GitHub-Delivery} id that caused the work. */
    public static final String DELIVERY = "delivery";
    /** {@code owner/name}. */
    public static final String REPOSITORY = "repository";
    /** The pull request number. */
    public static final String PULL_REQUEST = "pr";
    /** The job's type and identity, e.g. {@code resolve-pull-request octo/app#5@1a2b..9f8e}. */
    public static final String JOB = "job";

    private LogContext() {
    }

    /** Restores the context as it was when the scope was opened. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Lines logged until {@link Scope#close()} carry {@code delivery}. */
    public static Scope delivery(String deliveryId) {
        Scope scope = saved();
        put(DELIVERY, deliveryId);
        return scope;
    }

    /**
     * Lines logged until {@link Scope#close()} carry the job's identity and what it is about; {@code null} values
     * are left out.
     */
    public static Scope job(String job, String deliveryId, String repository, Integer pullRequest) {
        Scope scope = saved();
        put(JOB, job);
        put(DELIVERY, deliveryId);
        put(REPOSITORY, repository);
        put(PULL_REQUEST, pullRequest == null ? null : pullRequest.toString());
        return scope;
    }

    /** The delivery id of the current scope, or {@code null}. */
    public static String currentDelivery() {
        return MDC.get(DELIVERY);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        } else {
            MDC.remove(key);
        }
    }

    private static Scope saved() {
        Map<String, String> before = MDC.getCopyOfContextMap();
        return () -> {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        };
    }
}
