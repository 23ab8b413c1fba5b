package dev.truce.provider;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured model: where it is, how to authenticate, and how hard Truce may lean on it.
 *
 * @param name     the name users select it by ({@code --model NAME})
 * @param provider the wire protocol
 * @param baseUrl  the API root ({@code https://api.openai.com/v1}, {@code https://api.anthropic.com},
 *                 {@code http://localhost:11434})
 * @param model    the model as the provider names it
 * @param apiKey   where the key comes from (never the key itself)
 * @param local    whether the model runs on infrastructure the user controls
 * @param timeouts connect and whole-call timeouts
 * @param limits   concurrency and rate limits
 * @param retry    retries and the circuit breaker
 * @param prices   dollars per million tokens
 * @param maxInputTokens the most input tokens one request may have (the model's window as the operator allows it),
 *                 or 0 for the default prompt budget of small local models (8,000)
 */
public record ModelSettings(String name, ProviderKind provider, URI baseUrl, String model, ApiKeySource apiKey,
        boolean local, Timeouts timeouts, CallLimits limits, RetryPolicy retry, Prices prices, int maxInputTokens) {

    public ModelSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(prices, "prices");
        if (maxInputTokens < 0) {
            throw new IllegalArgumentException("max-input-tokens of model " + name + " must be 0 (the default) or more,"
                    + " not " + maxInputTokens);
        }
    }

    /**
     * A model with the default timeouts, limits and retries, no key, free, and local when it is an Ollama model or
     * its base URL points at this machine or a private network.
     */
    public static ModelSettings of(String name, ProviderKind provider, String baseUrl, String model) {
        URI uri = URI.create(baseUrl);
        return new ModelSettings(name, provider, uri, model, ApiKeySource.NONE, isLocalByDefault(provider, uri),
                Timeouts.DEFAULT, CallLimits.DEFAULT, RetryPolicy.DEFAULT, Prices.FREE, 0);
    }

    /** This model with its key read from {@code source}. */
    public ModelSettings withApiKey(ApiKeySource source) {
        return new ModelSettings(name, provider, baseUrl, model, source, local, timeouts, limits, retry, prices, maxInputTokens);
    }

    /** This model marked local or hosted. */
    public ModelSettings withLocal(boolean isLocal) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, isLocal, timeouts, limits, retry, prices, maxInputTokens);
    }

    /** This model with other timeouts. */
    public ModelSettings withTimeouts(Timeouts other) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, local, other, limits, retry, prices, maxInputTokens);
    }

    /** This model with other limits. */
    public ModelSettings withLimits(CallLimits other) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, local, timeouts, other, retry, prices, maxInputTokens);
    }

    /** This model with another retry policy. */
    public ModelSettings withRetry(RetryPolicy other) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, local, timeouts, limits, other, prices, maxInputTokens);
    }

    /** This model with another input budget (0: the default). */
    public ModelSettings withMaxInputTokens(int tokens) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, local, timeouts, limits, retry, prices, tokens);
    }

    /** This model with prices. */
    public ModelSettings withPrices(Prices other) {
        return new ModelSettings(name, provider, baseUrl, model, apiKey, local, timeouts, limits, retry, other, maxInputTokens);
    }

    /**
     * Ollama runs where the user runs it; other providers count as local when the base URL's host is loopback,
     * link-local or a private address. Host names other than {@code localhost} are not resolved (a name could
     * resolve differently later), so they count as hosted unless configured {@code local: true}.
     */
    static boolean isLocalByDefault(ProviderKind provider, URI baseUrl) {
        if (provider == ProviderKind.OLLAMA) {
            return true;
        }
        String host = baseUrl.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
        if (!literal) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            byte[] bytes = address.getAddress();
            boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || uniqueLocalV6;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The provider and endpoint this model is served from: models sharing it share a circuit breaker. */
    public String endpoint() {
        return provider.id() + " " + baseUrl;
    }

    @Override
    public String toString() {
        return "ModelSettings[name=" + name + ", provider=" + provider.id() + ", baseUrl=" + baseUrl + ", model="
                + model + ", apiKey=" + apiKey + ", local=" + local + ", timeouts=" + timeouts + ", limits=" + limits
                + ", retry=" + retry + ", prices=" + prices + "]";
    }

    /**
     * @param connect how long to wait for a connection
     * @param call    how long one HTTP call may take from start to the last byte of the answer (OkHttp's call
     *                timeout); a slower answer counts as a timeout and is retried
     */
    public record Timeouts(Duration connect, Duration call) {
        /** 10 s to connect, 180 s per call (large prompts on local hardware are slow). */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(180));
    }

    /**
     * @param maxConcurrentCalls at most this many calls in flight to this model (the bulkhead); more wait
     * @param callsPerSecond     at most this many calls start per second (the rate limiter); more wait
     */
    public record CallLimits(int maxConcurrentCalls, double callsPerSecond) {
        /** Four calls at once, two per second. */
        public static final CallLimits DEFAULT = new CallLimits(4, 2);

        public CallLimits {
            if (maxConcurrentCalls < 1 || callsPerSecond <= 0) {
                throw new IllegalArgumentException("limits must allow at least one call");
            }
        }
    }

    /**
     * @param maxAttempts         attempts per request, the first included (1 = no retry)
     * @param baseBackoff         the first wait between attempts; doubles each time, with jitter
     * @param maxRetryAfter       the longest {@code Retry-After} Truce honours; a provider asking for more is not
     *                            retried
     * @param breakerFailures     consecutive failed attempts (timeouts, 429, 5xx) that open the circuit breaker
     * @param breakerOpenDuration how long an open breaker fails calls fast before letting one through
     */
    public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxRetryAfter, int breakerFailures,
            Duration breakerOpenDuration) {
        /** Three attempts from 1 s, Retry-After up to 60 s, breaker opens after 5 failures for 30 s. */
        public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60),
                5, Duration.ofSeconds(30));

        public RetryPolicy {
            if (maxAttempts < 1 || breakerFailures < 1) {
                throw new IllegalArgumentException("maxAttempts and breakerFailures must be at least 1");
            }
        }
    }
}
