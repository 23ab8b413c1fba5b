package dev.truce.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.truce.server.TruceServer;

/**
 * The real service on a random port, over an in-memory H2 database (PostgreSQL mode, the real migrations), with a
 * {@link RecordingPullRequestWork} in place of the pipeline and a webhook secret generated for this run. Test classes
 * using it share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {TruceServer.class, TruceServerTest.FakeWork.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:truce-${random.uuid};MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
            "truce.github.webhook-secret=${random.uuid}",
            "truce.github.app-slug=truce",
            "truce.webhook.max-body-bytes=64KB",
            "truce.jobs.poll-interval=200ms",
            "truce.jobs.backoff=50ms",
            "truce.jobs.max-retries=2",
            "truce.limits.max-pull-requests-per-push=7",
            "truce.data-dir=target/test-truce-data",
            "logging.level.root=WARN",
        })
public @interface TruceServerTest {

    /** The pipeline's stand-in. */
    @TestConfiguration(proxyBeanMethods = false)
    class FakeWork {
        @Bean
        RecordingPullRequestWork pullRequestWork() {
            return new RecordingPullRequestWork();
        }
    }
}
