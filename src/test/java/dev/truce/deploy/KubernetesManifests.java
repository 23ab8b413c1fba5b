package dev.truce.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What {@code helm template} rendered, read into Kubernetes' own model classes (fabric8's kubernetes-model), strictly:
 * a field the model does not know (a typo such as {@code readinesProbe}, or a field at the wrong level) fails the
 * test instead of landing in the model's catch-all map. Custom resources (ServiceMonitor) are read generically.
 */
final class KubernetesManifests {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "Secret", Secret.class,
            "ConfigMap", ConfigMap.class, "Ingress", Ingress.class, "PodDisruptionBudget", PodDisruptionBudget.class);

    final List<HasMetadata> resources = new ArrayList<>();

    KubernetesManifests(String rendered) throws Exception {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String kind = doc.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                HasMetadata resource;
                if (type != null) {
                    resource = YAML.treeToValue(doc, type);
                    assertKnownFieldsOnly(resource, kind + " " + doc.path("metadata").path("name").asText());
                } else {
                    assertThat(kind).as("a kind the chart may render").isEqualTo("ServiceMonitor");
                    resource = YAML.treeToValue(doc, GenericKubernetesResource.class);
                }
                resources.add(resource);
            }
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** Every object of the model tree has an empty catch-all map: nothing was written that Kubernetes would drop. */
    private static void assertKnownFieldsOnly(Object node, String where) throws Exception {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                assertKnownFieldsOnly(item, where + "[" + i++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                assertKnownFieldsOnly(entry.getValue(), where + "." + entry.getKey());
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("fields Kubernetes does not know at %s", where).isNullOrEmpty();
            } else {
                assertKnownFieldsOnly(value, where + "." + getter.getName().replaceFirst("^(get|is)", ""));
            }
        }
    }
}
