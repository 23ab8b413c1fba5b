package dev.truce.deploy;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.Name;

import dev.truce.server.TruceProperties;

/**
 * The environment variables Truce reads, derived from the settings themselves: every leaf of the
 * {@link TruceProperties} record tree as Spring Boot's relaxed binding names it ({@code truce.github.app-slug} is
 * {@code TRUCE_GITHUB_APPSLUG}), and the few Spring settings the deployment files use.
 */
final class TruceSettings {

    /** Spring Boot's own settings the deployment files may set. */
    static final Set<String> SPRING = Set.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD", "SPRING_CONFIG_IMPORT", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT");

    private TruceSettings() {
    }

    /** {@code TRUCE_*} variables, one per setting. */
    static Set<String> truceVariables() {
        Set<String> names = new TreeSet<>();
        collect(TruceProperties.class, "TRUCE", names);
        return names;
    }

    /** Everything Truce's container may be given. */
    static Set<String> all() {
        Set<String> names = truceVariables();
        names.addAll(SPRING);
        return names;
    }

    private static void collect(Class<?> type, String prefix, Set<String> names) {
        RecordComponent[] components = type.getRecordComponents();
        java.lang.reflect.Parameter[] parameters;
        try {
            // @Name sits on the canonical constructor's parameters, where Spring Boot binds.
            parameters = type.getDeclaredConstructor(java.util.Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            Name name = parameters[i].getAnnotation(Name.class);
            String segment = (name != null ? name.value() : component.getName()).replace("-", "")
                    .toUpperCase(java.util.Locale.ROOT);
            if (component.getType().isRecord()) {
                collect(component.getType(), prefix + "_" + segment, names);
            } else {
                names.add(prefix + "_" + segment);
            }
        }
    }
}
