package dev.truce.jobs;

import javax.sql.DataSource;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.github.kagkarlsson.scheduler.Scheduler;

import dev.truce.pullrequest.PullRequestWork;
import dev.truce.server.TruceProperties;

/** The job queue on the application's DataSource, started and stopped with the application. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    DbSchedulerJobQueue jobQueue(DataSource dataSource, PullRequestWork work, TruceProperties properties) {
        // Transaction-aware: a job enqueued while handling a webhook commits (or rolls back) with the delivery row.
        return new DbSchedulerJobQueue(new TransactionAwareDataSourceProxy(dataSource), work, properties.jobs(),
                properties.limits().maxPullRequestsPerPush());
    }

    @Bean(destroyMethod = "")
    Scheduler jobScheduler(DbSchedulerJobQueue queue) {
        return queue.scheduler();
    }
}
