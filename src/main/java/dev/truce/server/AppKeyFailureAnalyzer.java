package dev.truce.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.truce.github.AppKeyException;

/** Turns an unusable private key at start-up (missing file, encrypted, not PEM) into what to fix. */
class AppKeyFailureAnalyzer extends AbstractFailureAnalyzer<AppKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AppKeyException cause) {
        // The message says what is wrong with the key and never contains key material.
        return new FailureAnalysis(cause.getMessage(), "Set truce.github.private-key-file (TRUCE_GITHUB_PRIVATEKEYFILE)"
                + " to the App's private key as GitHub downloaded it (unencrypted PEM); see docs/github-app.md.",
                cause);
    }
}
