package dev.truce.appmode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * The bean belongs to setup mode: {@code truce serve} with none of the App's credentials configured (the opposite of
 * {@link ConditionalOnGitHubApp}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(AppCredentialsCondition.Absent.class)
public @interface ConditionalOnSetupMode {
}
