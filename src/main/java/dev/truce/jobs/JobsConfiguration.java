package dev.truce.jobs;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerState;

import dev.truce.appmode.ConditionalOnGitHubApp;
import dev.truce.pullrequest.PullRequestWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The job queue on the application's DataSource, started and stopped with the application, its meters, and the
 * {@code jobs} health check (in the readiness group): down while the workers are not running.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnGitHubApp
class JobsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    DbSchedulerJobQueue jobQueue(DataSource dataSource, PullRequestWork work, JobQueueSettings settings,
            ObjectProvider<MeterRegistry> registry) {
        // Transaction-aware: a job enqueued while handling a webhook commits (or rolls back) with the delivery row.
        return new DbSchedulerJobQueue(new TransactionAwareDataSourceProxy(dataSource), work, settings,
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean(destroyMethod = "")
    Scheduler jobScheduler(DbSchedulerJobQueue queue) {
        return queue.scheduler();
    }

    /** {@code jobs}: up while this replica's workers are started and neither paused nor shutting down. */
    @Bean
    HealthIndicator jobsHealthIndicator(DbSchedulerJobQueue queue) {
        return () -> {
            SchedulerState state = queue.state();
            Health.Builder health = state.isStarted() && !state.isShuttingDown() && !state.isPaused()
                    ? Health.up() : Health.down();
            return health.withDetail("started", state.isStarted()).withDetail("shuttingDown", state.isShuttingDown())
                    .withDetail("paused", state.isPaused()).build();
        };
    }
}
