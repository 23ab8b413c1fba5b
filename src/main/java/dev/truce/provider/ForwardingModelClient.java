package dev.truce.provider;

import dev.truce.llm.ModelClient;

/**
 * A client that wraps another (to meter it, or to add retries and a breaker) and is the same model to its callers:
 * its name, whether it is local and its input window are the wrapped client's.
 */
abstract class ForwardingModelClient implements ModelClient {

    /** The wrapped client. */
    protected final ModelClient delegate;

    ForwardingModelClient(ModelClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int maxInputTokens() {
        return delegate.maxInputTokens();
    }

    @Override
    public boolean isLocal() {
        return delegate.isLocal();
    }
}
