package dev.truce.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.truce.jobs.JobSettings;
import dev.truce.webhook.WebhookSettings;
import org.springframework.util.unit.DataSize;

class TrucePropertiesTest {

    @Test
    void settings_the_workers_cannot_run_with_are_rejected_naming_the_property() {
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 0, 5, Duration.ofSeconds(30)))
                .hasMessageContaining("truce.jobs.threads");
        assertThatThrownBy(() -> new JobSettings(Duration.ZERO, 4, 5, Duration.ofSeconds(30)))
                .hasMessageContaining("truce.jobs.poll-interval");
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 4, -1, Duration.ofSeconds(30)))
                .hasMessageContaining("truce.jobs.max-retries");
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 4, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 3, 2, null)).hasMessageContaining("truce.jobs.missed-heartbeats");
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 4, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 6, -1, null)).hasMessageContaining("truce.jobs.max-revivals");
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 4, 5, Duration.ofSeconds(30),
                Duration.ZERO, 6, 2, null)).hasMessageContaining("truce.jobs.heartbeat-interval");
        assertThatThrownBy(() -> new TruceProperties.Limits(0, Duration.ofMinutes(15), Duration.ofMinutes(2), 4000))
                .hasMessageContaining("truce.limits.max-pull-requests-per-push");
    }

    @Test
    void calibration_settings_no_calibration_can_run_with_are_rejected_naming_the_property() {
        Duration week = Duration.ofDays(7);
        Duration minutes = Duration.ofMinutes(5);

        assertThatThrownBy(() -> new TruceProperties.Calibration(true, Duration.ofSeconds(5), 200, 2000, minutes, 16))
                .hasMessageContaining("truce.calibration.interval");
        assertThatThrownBy(() -> new TruceProperties.Calibration(true, week, 0, 2000, minutes, 16))
                .hasMessageContaining("truce.calibration.max-merges");
        assertThatThrownBy(() -> new TruceProperties.Calibration(true, week, 200, 0, minutes, 16))
                .hasMessageContaining("truce.calibration.fetch-depth");
        assertThatThrownBy(() -> new TruceProperties.Calibration(true, week, 200, 2000, Duration.ZERO, 16))
                .hasMessageContaining("truce.calibration.time-limit");
        assertThatThrownBy(() -> new TruceProperties.Calibration(true, week, 200, 2000, minutes, 0))
                .hasMessageContaining("truce.calibration.cached-repositories");
    }

    @Test
    void webhook_limits_the_endpoint_cannot_work_with_are_rejected_naming_the_property() {
        Duration minute = Duration.ofMinutes(1);
        Duration week = Duration.ofDays(7);

        assertThatThrownBy(() -> new WebhookSettings(DataSize.ofBytes(0), DataSize.ofMegabytes(64), minute,
                week)).hasMessageContaining("truce.webhook.max-body-bytes");
        // A budget no larger than one body could never hold a body of the largest allowed size.
        assertThatThrownBy(() -> new WebhookSettings(DataSize.ofMegabytes(5), DataSize.ofMegabytes(5), minute,
                week)).hasMessageContaining("truce.webhook.max-buffered-bytes");
        assertThatThrownBy(() -> new WebhookSettings(DataSize.ofMegabytes(5), DataSize.ofMegabytes(64),
                Duration.ofSeconds(-1), week)).hasMessageContaining("truce.webhook.rejection-log-interval");
        assertThatThrownBy(() -> new WebhookSettings(DataSize.ofMegabytes(5), DataSize.ofMegabytes(64), minute,
                Duration.ZERO)).hasMessageContaining("truce.webhook.delivery-retention");
    }

    @Test
    void a_negative_shutdown_grace_and_an_unknown_setup_store_are_rejected_naming_the_property() {
        assertThatThrownBy(() -> new JobSettings(Duration.ofSeconds(10), 4, 5, Duration.ofSeconds(30),
                Duration.ofSeconds(10), 6, 2, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("truce.jobs.shutdown-grace");
        assertThatThrownBy(() -> new TruceProperties.Setup(null, null, "vault", null))
                .hasMessageContaining("truce.setup.store");
        org.assertj.core.api.Assertions.assertThat(new TruceProperties.Setup(null, null, "show", "t0k3n").toString())
                .doesNotContain("t0k3n");
    }

    @Test
    void validation_settings_no_build_can_run_with_and_secrets_passed_to_builds_are_rejected_naming_the_property() {
        Duration tenMinutes = Duration.ofMinutes(10);
        DataSize memory = DataSize.ofGigabytes(4);
        java.util.List<java.nio.file.Path> none = java.util.List.of();

        assertThatThrownBy(() -> new TruceProperties.Validation("yes", tenMinutes, memory, 2, 2, none, java.util.List.of()))
                .hasMessageContaining("truce.validation.builds");
        assertThatThrownBy(() -> new TruceProperties.Validation("sandboxed", Duration.ZERO, memory, 2, 2, none,
                java.util.List.of())).hasMessageContaining("truce.validation.build-timeout");
        assertThatThrownBy(() -> new TruceProperties.Validation("sandboxed", tenMinutes, DataSize.ofMegabytes(8), 2,
                2, none, java.util.List.of())).hasMessageContaining("truce.validation.build-memory");
        assertThatThrownBy(() -> new TruceProperties.Validation("off", tenMinutes, memory, -1, 2, none,
                java.util.List.of())).hasMessageContaining("truce.validation.repair-rounds");
        TruceProperties.Validation leaky = new TruceProperties.Validation("sandboxed", tenMinutes, memory, 2, 2, none,
                java.util.List.of("NPM_TOKEN"));
        assertThatThrownBy(() -> GitHubAppConfiguration.builds(leaky, java.nio.file.Path.of("data"),
                java.nio.file.Path.of("data/repos"))).hasMessageContaining("truce.validation.environment")
                .hasMessageContaining("NPM_TOKEN");
    }
}
