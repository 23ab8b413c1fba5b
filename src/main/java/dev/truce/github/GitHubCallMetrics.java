package dev.truce.github;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Meters of every call to GitHub's REST API made through the OkHttp client it is added to (hub4j's calls and
 * Truce's own): {@value #REQUESTS} ({@code truce_github_requests_seconds}), a timer by {@code method} and
 * {@code status} (the status class {@code 2xx} .. {@code 5xx}, {@code rate_limited}, or {@code io_error}), and
 * {@value #RATE_LIMIT_REMAINING} ({@code truce_github_rate_limit_remaining}) by {@code resource} ({@code core},
 * {@code graphql}, ... as GitHub's {@code X-RateLimit-Resource} says): the remaining requests GitHub reported in
 * the latest answer. Installations have separate limits, so the gauge follows whichever installation called last.
 * Git fetches and pushes go over JGit, not this client, and are not counted here.
 */
public final class GitHubCallMetrics implements Interceptor {

    /** Calls by method and status class, with their duration. */
    public static final String REQUESTS = "truce.github.requests";
    /** Requests left in the current rate-limit window, per resource. */
    public static final String RATE_LIMIT_REMAINING = "truce.github.rate.limit.remaining";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();

    /** Meters in {@code registry}. */
    public GitHubCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        long start = System.nanoTime();
        String method = chain.request().method();
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            record(method, "io_error", start);
            throw e;
        }
        int code = response.code();
        record(method, RateLimitWait.isRateLimited(code, response::header) ? "rate_limited" : code / 100 + "xx",
                start);
        String left = response.header("X-RateLimit-Remaining");
        if (left != null) {
            try {
                long value = Long.parseLong(left.strip());
                String resource = resource(response.header("X-RateLimit-Resource"));
                remaining.computeIfAbsent(resource, this::gauge).set(value);
            } catch (NumberFormatException ignored) {
                // not a number: nothing to report
            }
        }
        return response;
    }

    private void record(String method, String status, long start) {
        Timer.builder(REQUESTS).description("GitHub REST API calls by method and status class")
                .tag("method", method).tag("status", status).register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private AtomicLong gauge(String resource) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(RATE_LIMIT_REMAINING, value, AtomicLong::get)
                .description("Requests left in GitHub's current rate-limit window, from the latest answer")
                .tag("resource", resource).register(registry);
        return value;
    }

    /** GitHub's resource names are short lower-case words; anything else is {@code other}. */
    private static String resource(String header) {
        if (header == null || header.isBlank()) {
            return "core";
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        return value.matches("[a-z_]{1,40}") ? value : "other";
    }
}
