package dev.truce.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @Test
    void a_job_scope_inside_a_delivery_scope_restores_the_delivery_when_it_closes() {
        try (LogContext.Scope delivery = LogContext.delivery("d-1")) {
            try (LogContext.Scope job = LogContext.job("resolve x", "d-2", "octo/app", 5)) {
                assertThat(MDC.getCopyOfContextMap()).containsEntry("delivery", "d-2")
                        .containsEntry("repository", "octo/app").containsEntry("pr", "5")
                        .containsEntry("job", "resolve x");
            }
            assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("delivery").containsEntry("delivery", "d-1");
            assertThat(LogContext.currentDelivery()).isEqualTo("d-1");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void null_values_are_left_out() {
        try (LogContext.Scope job = LogContext.job("recheck-branch octo/app:main", null, "octo/app", null)) {
            assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("delivery", "pr");
        }
    }
}
