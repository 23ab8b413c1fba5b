package dev.truce.pullrequest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * The pipeline's tests with a hosted model: WireMock plays it (a new server for each test, see
 * {@link PullRequestScenario#hostedCoder} and {@link PullRequestScenario#answersInRounds}); each test makes its
 * scenario {@code s} in {@code dir}, and it is closed after the test.
 */
abstract class HostedModelPipelineTest {

    @TempDir
    Path dir;

    PullRequestScenario s;

    @RegisterExtension
    final WireMockExtension model = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @AfterEach
    void closeScenario() throws Exception {
        if (s != null) {
            s.close();
        }
    }
}
