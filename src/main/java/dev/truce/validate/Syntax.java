package dev.truce.validate;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import dev.truce.conflict.FileType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The formats whose syntax a resolved file is checked against, each with its dialects from the strictest: a
 * resolution is held to the strictest dialect both sides pass (plain JSON, or JSON with comments as tsconfig
 * files have them; YAML with unique keys and standard tags, or YAML structure alone for files with custom
 * tags such as CloudFormation's {@code !Ref}).
 */
enum Syntax {
    JAVA("java", "Java"),
    XML("xml", "XML"),
    JSON("json", "JSON", "JSON with comments and trailing commas"),
    YAML("yaml", "YAML", "YAML structure (custom tags, duplicate keys)"),
    TOML("toml", "TOML"),
    PROPERTIES("properties", "a properties file");

    // Each parser is made when the first file of its kind is checked (a holder class each): a TOML mapper alone took
    // about a tenth of a second of a short command's start, for a merge that may have no TOML file.
    private static final class Sax {
        static final SAXParserFactory FACTORY = secureSax();
    }

    private static final class Json {
        static final JsonFactory STRICT = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        static final JsonFactory LENIENT = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    }

    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    private static final int YAML_CODE_POINT_LIMIT = 16 * 1024 * 1024;

    private final String source;
    private final List<String> dialects;

    Syntax(String source, String... dialects) {
        this.source = source;
        this.dialects = List.of(dialects);
    }

    /** The syntax a path is checked against, if any. */
    static Optional<Syntax> of(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".properties")) {
            return Optional.of(PROPERTIES); // gradle.properties too, which FileType calls gradle
        }
        if (lower.endsWith(".toml")) {
            return Optional.of(TOML); // libs.versions.toml too
        }
        return Optional.ofNullable(switch (FileType.of(path)) {
            case JAVA -> JAVA;
            case XML, MAVEN_POM, JELLY -> XML;
            case JSON, PACKAGE_JSON -> JSON;
            case YAML -> YAML;
            default -> null;
        });
    }

    /** How many dialects, strictest first. */
    int dialects() {
        return dialects.size();
    }

    /** The dialect's name, for messages. */
    String dialect(int dialect) {
        return dialects.get(dialect);
    }

    /** The first syntax error of the text in the given dialect, or empty when it parses. Not for {@link #JAVA}. */
    Optional<Diagnostic> firstError(String path, String text, int dialect) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return switch (this) {
            case XML -> xml(path, body);
            case JSON -> json(path, body, dialect == 0 ? Json.STRICT : Json.LENIENT);
            case YAML -> yaml(path, body, dialect == 0);
            case TOML -> toml(path, body);
            case PROPERTIES -> properties(path, body);
            case JAVA -> throw new IllegalStateException("Java is parsed by JavaParser");
        };
    }

    /**
     * A SAX parser that reads no DTD and no external entity and makes no connection: DOCTYPE declarations may
     * stand (checkstyle configurations, old Spring files have them) but their external subset is never loaded,
     * and the JDK's secure-processing limits bound entity expansion.
     */
    private static SAXParserFactory secureSax() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a standard security feature", e);
        }
    }

    private Optional<Diagnostic> xml(String path, String text) {
        try {
            SAXParser parser = Sax.FACTORY.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new InputSource(new StringReader(text)), new DefaultHandler() {
                @Override
                public InputSource resolveEntity(String publicId, String systemId) {
                    return new InputSource(new StringReader("")); // never fetched
                }
            });
            return Optional.empty();
        } catch (SAXParseException e) {
            return Optional.of(error(path, e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        } catch (SAXException e) {
            return Optional.of(error(path, 0, 0, e.getMessage()));
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("parsing XML from memory failed: " + e.getMessage(), e);
        }
    }

    private Optional<Diagnostic> json(String path, String text, JsonFactory factory) {
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
            int depth = 0;
            int roots = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (depth == 0 && ++roots > 1) {
                    TokenStreamLocation at = parser.currentTokenLocation();
                    return Optional.of(error(path, at.getLineNr(), at.getColumnNr(),
                            "a second value after the document's end"));
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            return roots == 0 ? Optional.of(error(path, 1, 1, "no JSON value")) : Optional.empty();
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            return Optional.of(error(path, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    e.getOriginalMessage()));
        }
    }

    private Optional<Diagnostic> yaml(String path, String text, boolean strict) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(YAML_CODE_POINT_LIMIT);
        try {
            Yaml yaml = new Yaml(new SafeConstructor(options));
            if (strict) {
                for (Object document : yaml.loadAll(text)) {
                    // loading each document is the check
                }
            } else {
                for (Object node : yaml.composeAll(new StringReader(text))) {
                    // composing each document is the check
                }
            }
            return Optional.empty();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
            return Optional.of(error(path, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0
                    : mark.getColumn() + 1, message));
        } catch (YAMLException e) {
            return Optional.of(error(path, 0, 0, e.getMessage()));
        }
    }

    private Optional<Diagnostic> toml(String path, String text) {
        try {
            Toml.MAPPER.readTree(text);
            return Optional.empty();
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            return Optional.of(error(path, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    e.getOriginalMessage()));
        }
    }

    /** java.util.Properties rejects only malformed {@code \\uXXXX} escapes; it names no line, so find it. */
    private Optional<Diagnostic> properties(String path, String text) {
        if (loads(text)) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        int good = 0;
        int bad = lines.size();
        while (bad - good > 1) { // the shortest failing prefix, in log(n) loads
            int mid = (good + bad) / 2;
            if (loads(String.join("\n", lines.subList(0, mid)))) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return Optional.of(error(path, bad, 0, "malformed \\uXXXX escape"));
    }

    private static boolean loads(String text) {
        try {
            new Properties().load(new StringReader(text));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("reading properties from memory failed", e);
        }
    }

    private Diagnostic error(String path, int line, int column, String message) {
        return new Diagnostic(path, Math.max(0, line), Math.max(0, column), Diagnostic.Severity.ERROR,
                message == null ? "does not parse" : message.strip(), source);
    }
}
