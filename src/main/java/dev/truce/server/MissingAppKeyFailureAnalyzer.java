package dev.truce.server;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.truce.github.GitHubGateway;
import dev.truce.pullrequest.PullRequestWork;

/** Turns "no pull request pipeline bean" at start-up into what to configure. */
class MissingAppKeyFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
        Class<?> type = cause.getBeanType();
        if (type == null || !(PullRequestWork.class.isAssignableFrom(type) || GitHubGateway.class.isAssignableFrom(type))) {
            return null;
        }
        return new FailureAnalysis("The GitHub App is not configured: no private key, so Truce cannot act for any "
                + "installation.", "Set truce.github.private-key-file (TRUCE_GITHUB_PRIVATEKEYFILE) to the App's PEM"
                + " key and truce.github.app-id (TRUCE_GITHUB_APPID) to its id; see docs/github-app.md.", cause);
    }
}
