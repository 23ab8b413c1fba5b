package dev.truce.appmode;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Whether any of the GitHub App's credentials is configured (see {@link ConditionalOnGitHubApp}). */
class AppCredentialsCondition extends SpringBootCondition {

    /** The settings that make {@code truce serve} the App rather than the setup page. */
    static final List<String> CREDENTIALS = List.of("truce.github.app-id", "truce.github.private-key-file",
            "truce.github.webhook-secret", "truce.github.webhook-secret-file");

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String found = configured(context.getEnvironment());
        return found != null ? ConditionOutcome.match(found + " is set: the GitHub App")
                : ConditionOutcome.noMatch("no GitHub App credentials: setup mode");
    }

    /** The first credential set in {@code environment} (an app id of 0 counts as unset), or {@code null}. */
    static String configured(Environment environment) {
        Binder binder = Binder.get(environment);
        for (String name : CREDENTIALS) {
            String value = binder.bind(name, String.class).orElse("").strip();
            if (!value.isEmpty() && !(name.endsWith("app-id") && value.equals("0"))) {
                return name;
            }
        }
        return null;
    }

    /** The opposite: setup mode. */
    static final class Absent extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String found = configured(context.getEnvironment());
            return found == null ? ConditionOutcome.match("no GitHub App credentials: setup mode")
                    : ConditionOutcome.noMatch(found + " is set: the GitHub App");
        }
    }
}
