package dev.truce.yaml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML settings file into a record with Jackson's YAML module: kebab-case keys ({@code max-input-tokens}),
 * unknown keys and keys given twice rejected, no coercion of a quoted {@code "3"} into a number, and no types beyond
 * plain mappings, lists and scalars. Renamed keys keep working: each use of an old spelling is reported to a
 * deprecation sink with the new key. Every error is a {@link YamlFileException} whose message starts with the file's
 * name and names the key as the user wrote it.
 *
 * @param <T> the record the file binds to (its components spelled in camelCase, read in kebab-case)
 */
public final class StrictYaml<T> {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or true where text is expected is a mistake (a file that wants either says Object)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Class<T> type;
    private final Map<String, String> renamed;

    /**
     * @param type    the record to bind to
     * @param renamed old spellings still accepted, by their dotted path ({@code limits.maxFiles}), to the new key
     *                ({@code max-files})
     */
    public StrictYaml(Class<T> type, Map<String, String> renamed) {
        this.type = type;
        this.renamed = Map.copyOf(renamed);
    }

    /** A reader without renamed keys. */
    public StrictYaml(Class<T> type) {
        this(type, Map.of());
    }

    /**
     * Binds the text.
     *
     * @param source       names the file in messages
     * @param deprecations told once per old key spelling used, with the key to write instead
     * @return the bound record, or {@code null} for an empty file
     * @throws YamlFileException when the text is not valid YAML or does not fit the record, saying what to write
     */
    public T read(String text, String source, Consumer<String> deprecations) throws YamlFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (StreamReadException e) {
            throw new YamlFileException(syntax(e, source), e);
        } catch (JacksonException e) {
            throw new YamlFileException(duplicateOr(e, source, source + " is not valid YAML: "
                    + firstLine(e.getOriginalMessage())), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new YamlFileException(source + ": the top level must be a mapping of keys to values", null);
        }
        Map<String, String> written = new LinkedHashMap<>();
        rename((ObjectNode) root, "", source, deprecations, written);
        try {
            return MAPPER.treeToValue(root, type);
        } catch (UnrecognizedPropertyException e) {
            throw new YamlFileException(unknownKey(e, source, written), e);
        } catch (MismatchedInputException e) {
            throw new YamlFileException(mismatch(e, root, source, written), e);
        } catch (JacksonException e) {
            String where = path(e.getPath(), written);
            throw new YamlFileException(source + ": " + (where.isEmpty() ? "" : where + ": ")
                    + firstLine(e.getOriginalMessage()), e);
        }
    }

    /** Moves each old spelling to its new key, in place, so the record sees one name. */
    private void rename(ObjectNode node, String prefix, String source, Consumer<String> deprecations,
            Map<String, String> written) throws YamlFileException {
        List<String> names = new ArrayList<>(node.propertyNames());
        for (String name : names) {
            String path = prefix + name;
            String newKey = renamed.get(path);
            if (newKey != null) {
                String newPath = prefix + newKey;
                if (node.has(newKey)) {
                    throw new YamlFileException(source + ": give " + newPath + " or its old spelling " + path
                            + ", not both", null);
                }
                JsonNode value = node.remove(name);
                node.set(newKey, value);
                written.put(newPath, path);
                deprecations.accept(source + ": '" + path + "' is deprecated; write '" + newPath
                        + "' (the old spelling still works for now)");
                path = newPath;
                name = newKey;
            }
            if (node.get(name) instanceof ObjectNode child) {
                rename(child, path + ".", source, deprecations, written);
            }
        }
    }

    private static String syntax(StreamReadException e, String source) {
        return duplicateOr(e, source, source + " is not valid YAML: " + firstLine(e.getOriginalMessage())
                + (e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                        : " (line " + e.getLocation().getLineNr() + ")"));
    }

    private static String duplicateOr(JacksonException e, String source, String otherwise) {
        String message = String.valueOf(e.getOriginalMessage());
        if (!message.toLowerCase(Locale.ROOT).contains("duplicate")) {
            return otherwise;
        }
        Matcher key = QUOTED.matcher(message);
        String name = key.find() ? key.group(1) : "?";
        String line = e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " (line " + e.getLocation().getLineNr() + ")";
        return source + ": key '" + name + "' is given twice" + line + "; keep one of them";
    }

    private static String unknownKey(UnrecognizedPropertyException e, String source, Map<String, String> written) {
        List<JacksonException.Reference> parents = e.getPath().subList(0, Math.max(0, e.getPath().size() - 1));
        String parent = path(parents, written);
        String prefix = parent.isEmpty() ? "" : parent + ".";
        Collection<Object> known = e.getKnownPropertyIds() == null ? List.of() : e.getKnownPropertyIds();
        Set<String> keys = known.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        String key = e.getPropertyName();
        String hint = keys.stream().filter(k -> squash(k).equals(squash(key))).findFirst()
                .map(k -> " (did you mean '" + prefix + k + "'?)").orElse("");
        return source + ": " + (parent.isEmpty() ? "" : parent + ": ") + "unknown key '" + key + "'" + hint
                + "; known keys: " + keys.stream().map(k -> prefix + k).collect(Collectors.joining(", "));
    }

    private static String squash(String key) {
        return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String mismatch(MismatchedInputException e, JsonNode root, String source,
            Map<String, String> written) {
        JsonNode value = root;
        for (JacksonException.Reference ref : e.getPath()) {
            value = value == null ? null : ref.getPropertyName() != null ? value.get(ref.getPropertyName())
                    : value.get(ref.getIndex());
        }
        String where = path(e.getPath(), written);
        String found = value == null ? "" : ", not '" + shown(value) + "'";
        return source + ": " + (where.isEmpty() ? "the top level" : "'" + where + "'") + " must be "
                + expected(e.getTargetType()) + found;
    }

    private static String shown(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of another kind";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class) {
            return "a number";
        }
        if (target == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list, such as [\"a\", \"b\"]";
        }
        return "a mapping of keys to values";
    }

    /** The dotted path of the key as the user wrote it (an old spelling stays old). */
    private static String path(List<JacksonException.Reference> refs, Map<String, String> written) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
                String old = written.get(path.toString());
                if (old != null) {
                    path.setLength(0);
                    path.append(old);
                }
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }
}
