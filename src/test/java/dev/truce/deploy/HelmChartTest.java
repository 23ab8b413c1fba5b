package dev.truce.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

import dev.truce.server.TruceServer;
import dev.truce.testing.TruceServerTest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * helm/truce through Helm's own library (helm-java): {@code helm lint --strict}, and {@code helm template} rendered
 * with the defaults and with a production setup, read strictly into Kubernetes' model classes. The probes and the
 * ServiceMonitor are then asked of a running Truce on the port the chart names.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "truce");

    @TempDir
    Path dir;

    @Test
    void the_chart_passes_helm_lint_strict() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void by_default_two_non_root_read_only_replicas_share_postgresql_and_serve_the_setup_page() throws Exception {
        KubernetesManifests manifests = render(Map.of());

        Deployment deployment = manifests.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65532L);
        Container truce = pod.getContainers().get(0);
        assertThat(truce.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(truce.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(truce.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(truce.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/home/nonroot", "/tmp");
        assertThat(env(truce)).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://truce-postgresql:5432/truce")
                .containsEntry("TRUCE_SETUP_STORE", "show").doesNotContainKey("TRUCE_GITHUB_PRIVATEKEYFILE");
        EnvVar name = envVar(truce, "TRUCE_JOBS_SCHEDULERNAME");
        assertThat(name.getValueFrom().getFieldRef().getFieldPath()).as("each replica its own name")
                .isEqualTo("metadata.name");
        assertThat(envVar(truce, "SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("truce-postgresql");
        assertThat(pod.getTerminationGracePeriodSeconds()).as("the jobs' 60 s grace and the webhook's drain")
                .isEqualTo(90L);
        assertThat(manifests.one(PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(manifests.all(Secret.class)).as("no credentials given: no Secret").isEmpty();
        assertThat(manifests.all(Ingress.class)).isEmpty();
    }

    @Test
    void in_production_secrets_come_from_the_secret_and_the_ingress_reaches_only_the_webhook_port()
            throws Exception {
        KubernetesManifests manifests = render(Map.of("github.appId", "123456", "secrets.existingSecret", "truce-app",
                "secrets.modelApiKeys[0]", "OPENAI_API_KEY", "ingress.enabled", "true", "ingress.host",
                "truce.acme.example", "ingress.tlsSecret", "truce-tls", "metrics.serviceMonitor.enabled", "true"));

        Container truce = manifests.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(truce)).containsEntry("TRUCE_GITHUB_APPID", "123456")
                .containsEntry("TRUCE_GITHUB_PRIVATEKEYFILE", "/etc/truce/secrets/private-key.pem")
                .containsEntry("TRUCE_GITHUB_WEBHOOKSECRETFILE", "/etc/truce/secrets/webhook-secret")
                .doesNotContainKey("TRUCE_SETUP_STORE");
        assertThat(envVar(truce, "OPENAI_API_KEY").getValueFrom().getSecretKeyRef().getName()).isEqualTo("truce-app");
        for (EnvVar variable : truce.getEnv()) {
            if (variable.getName().matches(".*(SECRET|PASSWORD|TOKEN|API_KEY)$")) {
                assertThat(variable.getValue()).as("%s is never written inline", variable.getName()).isNull();
            }
        }
        assertThat(manifests.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(v -> v.getSecret() != null).singleElement()
                .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("truce-app"));
        assertThat(manifests.all(Secret.class)).as("the operator's own Secret is used").isEmpty();

        Ingress ingress = manifests.one(Ingress.class);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths()).allSatisfy(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo("truce");
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        }).extracting(p -> p.getPath()).containsExactly("/webhook", "/setup");
        Service web = service(manifests, "truce");
        assertThat(web.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal()).containsExactly("http");
        Service management = service(manifests, "truce-management");
        assertThat(management.getSpec().getPorts()).extracting(p -> p.getTargetPort().getStrVal())
                .containsExactly("management");
        GenericKubernetesResource monitor = manifests.one(GenericKubernetesResource.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> endpoint = ((List<Map<String, Object>>) ((Map<String, Object>) monitor
                .getAdditionalProperties().get("spec")).get("endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
    }

    @Test
    void the_probes_and_the_service_monitor_hit_endpoints_the_application_serves_on_the_port_the_chart_names()
            throws Exception {
        KubernetesManifests manifests = render(Map.of("metrics.serviceMonitor.enabled", "true"));
        Container truce = manifests.one(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Integer> ports = truce.getPorts().stream().collect(Collectors.toMap(ContainerPort::getName,
                ContainerPort::getContainerPort));
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        assertThat(ports.get("management")).as("the application's own default management port")
                .isEqualTo(Integer.valueOf(defaults.getProperty("management.server.port")));
        assertThat(ports.get("http")).isEqualTo(8080);
        List<HTTPGetAction> probes = List.of(truce.getStartupProbe().getHttpGet(),
                truce.getLivenessProbe().getHttpGet(), truce.getReadinessProbe().getHttpGet());

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TruceServer.class,
                TruceServerTest.FakeWork.class).run("--server.port=0", "--management.server.port=0",
                        "--truce.data-dir=" + dir, "--truce.github.webhook-secret=s3cret", "--logging.level.root=WARN")) {
            int management = Integer.parseInt(app.getEnvironment().getProperty("local.management.port"));
            HttpClient http = HttpClient.newHttpClient();
            for (HTTPGetAction probe : probes) {
                assertThat(probe.getPort().getStrVal()).isEqualTo("management");
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + management + probe.getPath())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe.getPath()).isEqualTo(200);
            }
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + management + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("truce_jobs_waiting");
        }
    }

    @Test
    void values_the_chart_cannot_work_with_are_refused_with_the_reason() {
        assertThatThrownBy(() -> render(Map.of("replicaCount", "two"))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(Map.of("database.url", ""))).as("two replicas on one pod's H2 file")
                .hasMessageContaining("needs PostgreSQL");
        assertThatThrownBy(() -> render(Map.of("secrets.create", "true"))).hasMessageContaining("secrets.privateKey");
        assertThatThrownBy(() -> render(Map.of("extraEnv.TRUCE_GITHUB_WEBHOOKSECRET", "inline")))
                .as("secrets are not settings").hasMessageContaining("extraEnv");
        assertThatThrownBy(() -> render(Map.of("jobs.shutdownGrace", "soon"))).hasMessageContaining("shutdownGrace");
    }

    @Test
    void a_secret_the_chart_creates_holds_the_values_given_at_install_time_and_nothing_else() throws Exception {
        KubernetesManifests manifests = render(Map.of("secrets.create", "true", "secrets.privateKey",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", "secrets.webhookSecret",
                "whsec"));

        Secret secret = manifests.one(Secret.class);
        assertThat(secret.getData()).containsOnlyKeys("private-key.pem", "webhook-secret");
        assertThat(new String(java.util.Base64.getDecoder().decode(secret.getData().get("webhook-secret"))))
                .isEqualTo("whsec");
    }

    private KubernetesManifests render(Map<String, String> values) throws Exception {
        var template = new Helm(CHART).template().withName("truce").withNamespace("truce");
        for (Map.Entry<String, String> value : values.entrySet()) {
            template.set(value.getKey(), value.getValue());
        }
        String rendered = template.call();
        Files.writeString(dir.resolve("rendered.yaml"), rendered);
        return new KubernetesManifests(rendered);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName,
                EnvVar::getValue));
    }

    private static EnvVar envVar(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no " + name + " in " + container.getEnv()));
    }

    private static Service service(KubernetesManifests manifests, String name) {
        return manifests.all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
