package dev.truce.provider;

import dev.truce.llm.ModelClient;
import dev.truce.llm.ModelException;
import dev.truce.llm.ModelReply;
import dev.truce.llm.ModelRequest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resilience around a provider adapter. Each attempt passes, outermost first: retry (jittered exponential backoff
 * on timeouts, 429 and 5xx, waiting at least what {@code Retry-After} asks), the provider's circuit breaker (fails
 * fast once the provider has failed {@code breakerFailures} attempts in a row), the rate limiter (calls per
 * second) and the bulkhead (calls in flight). The adapter's OkHttp call timeout bounds each attempt.
 */
final class ResilientModelClient extends ForwardingModelClient {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ModelSettings settings;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;

    /**
     * @param delegate the adapter (one HTTP call per {@code complete})
     * @param settings the model's retry policy and limits
     * @param breaker  the circuit breaker of the model's provider endpoint, shared by the models served from it
     *                 (see {@link #circuitBreaker})
     */
    public ResilientModelClient(ModelClient delegate, ModelSettings settings, CircuitBreaker breaker) {
        super(delegate);
        this.settings = settings;
        this.breaker = breaker;
        ModelSettings.RetryPolicy policy = settings.retry();
        this.retry = Retry.of(settings.name(), RetryConfig.<ModelReply>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(this::waitBefore)
                .failAfterMaxAttempts(false)
                .build());
        ModelSettings.CallLimits limits = settings.limits();
        long periodNanos = Math.max(1, Math.round(1_000_000_000L / limits.callsPerSecond()));
        int perPeriod = 1;
        if (limits.callsPerSecond() >= 1) {
            periodNanos = 1_000_000_000L;
            perPeriod = (int) Math.floor(limits.callsPerSecond());
        }
        this.rateLimiter = RateLimiter.of(settings.name(), RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .limitForPeriod(perPeriod)
                .timeoutDuration(settings.timeouts().call())
                .build());
        this.bulkhead = Bulkhead.of(settings.name(), BulkheadConfig.custom()
                .maxConcurrentCalls(limits.maxConcurrentCalls())
                .maxWaitDuration(settings.timeouts().call())
                .build());
    }

    /**
     * A circuit breaker for one provider endpoint: it opens when the last {@code breakerFailures} attempts all
     * failed transiently (timeout, no connection, 429, 5xx) and lets one trial call through after
     * {@code breakerOpenDuration}. Client errors (400, 401) and malformed answers do not count: they say nothing
     * about whether the provider is up.
     */
    public static CircuitBreaker circuitBreaker(String endpoint, ModelSettings.RetryPolicy policy) {
        return CircuitBreaker.of(endpoint, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.breakerFailures())
                .minimumNumberOfCalls(policy.breakerFailures())
                .failureRateThreshold(100)
                .recordException(e -> e instanceof ProviderCallException call && call.isTransient())
                .waitDurationInOpenState(policy.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** The state of the provider's circuit breaker. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    @Override
    public ModelReply complete(ModelRequest request) throws ModelException {
        AtomicInteger attempts = new AtomicInteger();
        CheckedSupplier<ModelReply> attempt = () -> {
            attempts.incrementAndGet();
            return delegate.complete(request);
        };
        CheckedSupplier<ModelReply> guarded = Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker,
                        RateLimiter.decorateCheckedSupplier(rateLimiter,
                                Bulkhead.decorateCheckedSupplier(bulkhead, attempt))));
        long start = System.nanoTime();
        try {
            ModelReply reply = guarded.get();
            return new ModelReply(reply.text(), reply.truncated(), reply.refusal(), reply.usage(),
                    Duration.ofNanos(System.nanoTime() - start), reply.model());
        } catch (CallNotPermittedException e) {
            throw new ModelException("model provider " + settings.endpoint() + " is unavailable: it failed "
                    + settings.retry().breakerFailures() + " attempts in a row, so calls are refused for "
                    + settings.retry().breakerOpenDuration().toSeconds() + " s",
                    "the model provider is unavailable after repeated failures", e);
        } catch (BulkheadFullException | RequestNotPermitted e) {
            throw new ModelException("model " + name() + " is saturated: no call slot within "
                    + settings.timeouts().call().toSeconds() + " s (limits " + settings.limits() + ")",
                    "the model is busy", e);
        } catch (ProviderCallException e) {
            throw new ModelException(e.getMessage() + " (" + attempts.get() + " attempt"
                    + (attempts.get() == 1 ? "" : "s") + ")", e.publicReason(), e);
        } catch (ModelException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while calling model " + name(), "the model call was interrupted",
                    e);
        } catch (Throwable e) {
            if (e instanceof Error error) {
                throw error;
            }
            throw new ModelException("calling model " + name() + " failed unexpectedly: " + e, e);
        }
    }

    private boolean worthRetrying(Throwable failure) {
        if (!(failure instanceof ProviderCallException call) || !call.isTransient()) {
            return false;
        }
        // a provider asking for a longer pause than we are willing to wait is not retried now
        return call.retryAfter().map(wait -> wait.compareTo(settings.retry().maxRetryAfter()) <= 0).orElse(true);
    }

    /** Jittered exponential backoff (50–150 % of base × 2^(n−1), capped), never shorter than Retry-After. */
    private Long waitBefore(Integer attempt, Either<Throwable, ModelReply> outcome) {
        long base = settings.retry().baseBackoff().toMillis() << Math.min(20, Math.max(0, attempt - 1));
        long backoff = Math.min(MAX_BACKOFF.toMillis(),
                (long) (base * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
        if (outcome.isLeft() && outcome.getLeft() instanceof ProviderCallException call
                && call.retryAfter().isPresent()) {
            return Math.max(backoff, call.retryAfter().get().toMillis());
        }
        return backoff;
    }

    @Override
    public String toString() {
        return "ResilientModelClient[" + delegate + "]";
    }
}
