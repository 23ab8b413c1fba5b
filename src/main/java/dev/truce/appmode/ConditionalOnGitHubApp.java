package dev.truce.appmode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * The bean is part of the GitHub App (webhook, jobs, pipeline): present when any of the App's credentials is
 * configured ({@code truce.github.app-id}, {@code private-key-file}, {@code webhook-secret} or
 * {@code webhook-secret-file}, or the ones the setup page stored in the data directory). With none of them
 * {@code truce serve} runs in setup mode and serves only {@code /setup} and the health checks; with some but not all,
 * start-up fails saying which one is missing.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(AppCredentialsCondition.class)
public @interface ConditionalOnGitHubApp {
}
