package dev.truce.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.truce.provider.ModelCatalog;

/**
 * deploy/compose.yaml cannot be started here (no Docker engine), so it is checked strictly instead: every service,
 * image, port, volume, secret, config and environment variable, against what Truce reads ({@link TruceSettings}),
 * what the image serves, and what the other files in deploy/ declare.
 */
class ComposeFileTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Set<String> SERVICE_KEYS = Set.of("image", "restart", "depends_on", "ports", "environment",
            "secrets", "configs", "volumes", "healthcheck", "stop_grace_period", "profiles", "entrypoint", "read_only",
            "security_opt", "cap_drop");

    @Test
    void every_service_has_a_pinned_image_a_restart_policy_and_a_health_check_or_is_a_one_off() throws Exception {
        Map<String, Object> compose = read("compose.yaml");
        assertThat(compose.keySet()).containsExactlyInAnyOrder("name", "services", "secrets", "configs", "volumes");
        Map<String, Map<String, Object>> services = services(compose);
        assertThat(services.keySet()).containsExactlyInAnyOrder("truce", "postgres", "ollama", "ollama-pull");
        services.forEach((name, service) -> {
            assertThat(service.keySet()).as("%s: keys compose knows and this file means", name)
                    .isSubsetOf(SERVICE_KEYS);
            assertThat(service).as(name).containsKeys("image", "restart");
            if (!name.equals("ollama-pull")) {
                assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
                assertThat(service).as("%s has a health check", name).containsKey("healthcheck");
            }
        });
        assertThat(services.get("ollama").get("profiles")).isEqualTo(List.of("ollama"));
        assertThat(services.get("ollama-pull").get("profiles")).isEqualTo(List.of("ollama"));
        assertThat(services.get("postgres").get("image")).isEqualTo("postgres:16");
        assertThat(map(map(services.get("truce").get("depends_on")).get("postgres")))
                .containsEntry("condition", "service_healthy");
    }

    @Test
    void truce_gets_only_settings_truce_reads_and_its_secrets_as_files() throws Exception {
        for (String file : List.of("compose.yaml", "compose.app.yaml")) {
            Map<String, Object> truce = services(read(file)).get("truce");
            Map<String, Object> environment = map(truce.get("environment"));
            assertThat(environment.keySet()).as("%s: variables Truce reads", file).isSubsetOf(TruceSettings.all());
            environment.forEach((name, value) -> assertThat(name)
                    .as("%s: %s is a secret: it must be a file, not a value", file, name)
                    .doesNotMatch(".*(PASSWORD|WEBHOOKSECRET|TOKEN|API_KEY)$"));
        }
        Map<String, Object> truce = services(read("compose.yaml")).get("truce");
        Map<String, Object> environment = map(truce.get("environment"));
        assertThat(environment).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/truce")
                .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/run/secrets/");
        assertThat(list(truce.get("secrets"))).singleElement().satisfies(secret -> assertThat(map(secret))
                .containsEntry("source", "postgres-password").containsEntry("target", "spring.datasource.password"));
        assertThat(environment.get("TRUCE_MODELS_FILE")).isEqualTo(list(truce.get("configs")).stream()
                .map(c -> map(c).get("target")).findFirst().orElseThrow());
        Map<String, Object> app = map(services(read("compose.app.yaml")).get("truce").get("environment"));
        Set<String> targets = new HashSet<>();
        list(services(read("compose.app.yaml")).get("truce").get("secrets"))
                .forEach(s -> targets.add("/run/secrets/" + map(s).get("target")));
        assertThat(targets).contains((String) app.get("TRUCE_GITHUB_PRIVATEKEYFILE"),
                (String) app.get("TRUCE_GITHUB_WEBHOOKSECRETFILE"));
    }

    @Test
    void ports_health_check_and_data_volume_are_the_ones_the_image_serves_and_writes() throws Exception {
        Map<String, Object> truce = services(read("compose.yaml")).get("truce");
        assertThat(list(truce.get("ports"))).containsExactly("${TRUCE_PORT:-8080}:8080",
                "127.0.0.1:${TRUCE_MANAGEMENT_PORT:-8081}:8081");
        List<Object> test = list(map(truce.get("healthcheck")).get("test"));
        assertThat(test).startsWith("CMD", "java").contains("/app/classes", "dev.truce.server.HealthProbe",
                "http://127.0.0.1:8081/actuator/health/readiness");
        assertThat(Class.forName("dev.truce.server.HealthProbe")).isNotNull();
        assertThat(list(truce.get("volumes"))).contains("truce-data:/home/nonroot");
        assertThat(truce.get("read_only")).isEqualTo(true);
    }

    @Test
    void every_volume_secret_and_config_is_declared_used_and_backed_by_a_file_in_deploy() throws Exception {
        for (String file : List.of("compose.yaml", "compose.app.yaml")) {
            Map<String, Object> compose = read(file);
            Set<String> usedVolumes = new HashSet<>();
            Set<String> usedSecrets = new HashSet<>();
            Set<String> usedConfigs = new HashSet<>();
            services(compose).values().forEach(service -> {
                for (Object volume : list(service.get("volumes"))) {
                    if (volume instanceof String text && !text.startsWith("/") && !text.startsWith(".")) {
                        usedVolumes.add(text.substring(0, text.indexOf(':')));
                    }
                }
                list(service.get("secrets")).forEach(s -> usedSecrets.add(s instanceof String n ? n
                        : (String) map(s).get("source")));
                list(service.get("configs")).forEach(c -> usedConfigs.add((String) map(c).get("source")));
            });
            // An override file declares what it adds; the rest comes from compose.yaml.
            Map<String, Object> base = file.equals("compose.yaml") ? Map.of() : read("compose.yaml");
            assertThat(declared(compose, base, "volumes")).as(file).containsAll(usedVolumes);
            assertThat(declared(compose, base, "secrets")).as(file).containsAll(usedSecrets);
            assertThat(declared(compose, base, "configs")).as(file).containsAll(usedConfigs);
            if (file.equals("compose.yaml")) {
                assertThat(declared(compose, base, "volumes")).as("every volume used").isEqualTo(usedVolumes);
                assertThat(declared(compose, base, "secrets")).isEqualTo(usedSecrets);
                assertThat(declared(compose, base, "configs")).isEqualTo(usedConfigs);
            }
            map(compose.get("secrets")).values().forEach(secret -> assertThat((String) map(secret).get("file"))
                    .as("secret files live in deploy/secrets/, which git ignores").startsWith("./secrets/"));
            if (compose.get("configs") != null) {
                map(compose.get("configs")).values().forEach(config -> assertThat(DEPLOY.resolve(
                        (String) map(config).get("file"))).exists());
            }
        }
        assertThat(Files.readString(DEPLOY.resolve("secrets/.gitignore"))).contains("*", "!.gitignore");
        Map<String, Object> postgres = services(read("compose.yaml")).get("postgres");
        assertThat(map(postgres.get("environment")).get("POSTGRES_PASSWORD_FILE"))
                .isEqualTo("/run/secrets/postgres-password");
    }

    @Test
    void every_variable_the_files_use_is_in_env_example_and_every_one_there_is_used() throws Exception {
        Set<String> used = new HashSet<>();
        Pattern reference = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");
        for (String file : List.of("compose.yaml", "compose.app.yaml")) {
            Matcher m = reference.matcher(Files.readString(DEPLOY.resolve(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        Set<String> example = new HashSet<>();
        for (String line : Files.readAllLines(DEPLOY.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("NAME=value").matches("[A-Z_][A-Z0-9_]*=.*");
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void the_models_file_is_one_truce_reads() throws Exception {
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("models.yaml"), StandardCharsets.UTF_8)) {
            ModelCatalog catalog = ModelCatalog.parse(reader, "deploy/models.yaml", name -> null, Clock.systemUTC());
            assertThat(catalog.models()).containsKey("local-coder");
            assertThat(catalog.models().get("local-coder").baseUrl().toString()).isEqualTo("http://ollama:11434");
        }
    }

    @Test
    void the_helm_chart_sets_only_variables_truce_reads_too() throws Exception {
        String deployment = Files.readString(Path.of("helm", "truce", "templates", "deployment.yaml"));
        Matcher m = Pattern.compile("- name: ([A-Z_][A-Z0-9_]*)").matcher(deployment);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSizeGreaterThan(10);
        assertThat(TruceSettings.all()).containsAll(names);
    }

    private static Set<String> declared(Map<String, Object> compose, Map<String, Object> base, String section) {
        Set<String> names = new HashSet<>();
        for (Map<String, Object> file : List.of(compose, base)) {
            if (file.get(section) != null) {
                names.addAll(map(file.get(section)).keySet());
            }
        }
        return names;
    }

    private static Map<String, Object> read(String file) throws Exception {
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve(file), StandardCharsets.UTF_8)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
