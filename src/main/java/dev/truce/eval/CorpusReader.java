package dev.truce.eval;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.FileType;
import dev.truce.conflict.FileVersions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a corpus of conflicted files in JSON Lines ({@code .jsonl} or {@code .jsonl.gz}), one case a line, in the
 * format of Truce's reference corpus: {@code id, path, language, conflict_kind, base, ours, theirs, resolved}.
 * A line that cannot be read is reported to {@code onBadLine} and skipped; the rest of the file goes on.
 * Compression is recognised by the gzip magic number, not the file name, so a plain file named
 * {@code .jsonl.gz} is refused instead of being read as garbage.
 */
public final class CorpusReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CorpusReader() {
    }

    /**
     * Reads all cases of one corpus file.
     *
     * @param file      the corpus file
     * @param onBadLine receives "file:line: what is wrong" for each skipped line
     * @throws CorpusFormatException when the file cannot be opened or decompressed
     */
    public static List<EvalCase> read(Path file, Consumer<String> onBadLine) throws CorpusFormatException {
        List<EvalCase> cases = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            throw new CorpusFormatException("corpus file " + file + " does not exist or is not a file", null);
        }
        if (!Files.isReadable(file)) {
            throw new CorpusFormatException("corpus file " + file + " is not readable", null);
        }
        boolean gzip = isGzip(file);
        if (!gzip && file.toString().endsWith(".gz")) {
            throw new CorpusFormatException("corpus file " + file + " is named .gz but is not gzip-compressed", null);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    cases.add(parse(JSON.readTree(line)));
                } catch (JacksonException | IllegalArgumentException e) {
                    onBadLine.accept(file + ":" + number + ": " + firstLine(e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new CorpusFormatException("cannot read corpus file " + file + ": " + e, e);
        }
        return cases;
    }

    /**
     * Reads several corpus files, up to {@code threads} at a time; cases keep the order of the files and of
     * their lines.
     *
     * @throws CorpusFormatException for the first file (in the given order) that cannot be read
     */
    public static List<EvalCase> readAll(List<Path> files, int threads, Consumer<String> onBadLine)
            throws CorpusFormatException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
        try {
            List<Future<List<EvalCase>>> parts = new ArrayList<>();
            for (Path file : files) {
                parts.add(pool.submit(() -> read(file, onBadLine)));
            }
            List<EvalCase> cases = new ArrayList<>();
            for (Future<List<EvalCase>> part : parts) {
                try {
                    cases.addAll(part.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CorpusFormatException c) {
                        throw c;
                    }
                    throw new IllegalStateException("reading the corpus failed: " + e.getCause(), e.getCause());
                }
            }
            return cases;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the corpus", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isGzip(Path file) throws CorpusFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        } catch (IOException e) {
            throw new CorpusFormatException("cannot read corpus file " + file + ": " + e, e);
        }
    }

    private static EvalCase parse(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("line is not a JSON object");
        }
        // An absent side must be an explicit null: a missing key is a damaged line, not a deleted file.
        for (String field : new String[] {"base", "ours", "theirs", "resolved"}) {
            if (!node.has(field)) {
                throw new IllegalArgumentException("missing field \"" + field + "\"");
            }
        }
        String id = required(node, "id");
        String path = required(node, "path");
        byte[] base = bytes(node, "base");
        byte[] ours = bytes(node, "ours");
        byte[] theirs = bytes(node, "theirs");
        if (ours == null && theirs == null) {
            throw new IllegalArgumentException("case " + id + " has neither ours nor theirs");
        }
        JsonNode resolved = node.get("resolved");
        if (!resolved.isNull() && !resolved.isString()) {
            throw new IllegalArgumentException("field \"resolved\" must be a string or null");
        }
        String human = resolved.isNull() ? null : resolved.asString();
        FileVersions versions = new FileVersions(path, base, ours, theirs);
        ConflictKind kind = versions.presenceKind();
        String label = node.hasNonNull("conflict_kind") ? node.get("conflict_kind").asString() : "";
        if (kind == ConflictKind.CONTENT && label.startsWith("rename")) {
            kind = ConflictKind.RENAME;
        }
        JsonNode time = node.get("merge_time");
        return new EvalCase(id, versions, kind, FileType.of(path).label(), human, optional(node, "ours_subject"),
                optional(node, "theirs_subject"), optional(node, "repo"),
                time != null && time.isNumber() ? time.asLong() : 0);
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("missing string field \"" + field + "\"");
        }
        return value.asString();
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string or null");
        }
        return value.asString().getBytes(StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable line";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
