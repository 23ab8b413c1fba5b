package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;

/**
 * Lockfiles and generated files are outputs of a tool: a text merge of two outputs is not an output of the
 * tool and may be inconsistent (checksums, resolved trees), so such a file is regenerated, never merged.
 * It must run first in the chain so that no other strategy text-merges a hunk of such a file.
 */
final class RegenerateStrategy implements ResolutionStrategy {

    /** How far into a file a "generated" header is looked for. */
    static final int HEADER_LINES = 10;

    /** Lockfile names (lower case) and the command that regenerates each. */
    private static final Map<String, String> LOCKFILES = Map.ofEntries(
            Map.entry("package-lock.json", "npm install"),
            Map.entry("npm-shrinkwrap.json", "npm install"),
            Map.entry("yarn.lock", "yarn install"),
            Map.entry("pnpm-lock.yaml", "pnpm install"),
            Map.entry("bun.lock", "bun install"),
            Map.entry("bun.lockb", "bun install"),
            Map.entry("cargo.lock", "cargo generate-lockfile"),
            Map.entry("poetry.lock", "poetry lock"),
            Map.entry("pipfile.lock", "pipenv lock"),
            Map.entry("uv.lock", "uv lock"),
            Map.entry("pdm.lock", "pdm lock"),
            Map.entry("composer.lock", "composer update --lock"),
            Map.entry("gemfile.lock", "bundle install"),
            Map.entry("go.sum", "go mod tidy"),
            Map.entry("go.work.sum", "go mod tidy"),
            Map.entry("gradle.lockfile", "./gradlew dependencies --write-locks"),
            Map.entry("buildscript-gradle.lockfile", "./gradlew dependencies --write-locks"),
            Map.entry("flake.lock", "nix flake lock"),
            Map.entry("mix.lock", "mix deps.get"),
            Map.entry("pubspec.lock", "dart pub get"),
            Map.entry("package.resolved", "swift package resolve"),
            Map.entry("packages.lock.json", "dotnet restore --force-evaluate"),
            Map.entry("podfile.lock", "pod install"));

    @Override
    public String name() {
        return "regenerate";
    }

    /** It reads the path and looks for a marker in the first lines: a minified file is regenerated however long. */
    @Override
    public boolean handlesLongLines() {
        return true;
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String command = LOCKFILES.get(name);
        if (command != null) {
            return new Verdict.Regenerate("lockfile " + name + ": regenerate it with `" + command
                    + "` after merging the manifest instead of merging it as text");
        }
        if (name.endsWith(".min.js") || name.endsWith(".min.css") || name.endsWith(".min.mjs")) {
            return new Verdict.Regenerate("minified file: rebuild it from its sources instead of merging it as text");
        }
        Optional<String> marker = generatedMarker(file);
        if (marker.isPresent()) {
            return new Verdict.Regenerate("generated file (header says \"" + marker.get()
                    + "\"): rerun its generator instead of merging it as text");
        }
        return Verdict.notApplicable("not a lockfile or generated file");
    }

    /** The "generated" marker in a header comment of either side, if there is one. */
    private static Optional<String> generatedMarker(ConflictedFile file) {
        for (ConflictHunk.Side side : List.of(ConflictHunk.Side.OURS, ConflictHunk.Side.THEIRS)) {
            for (String line : headerLines(file, side)) {
                String text = LineEndings.content(line).strip();
                if (!isComment(text)) {
                    continue;
                }
                if (text.contains("@generated")) {
                    return Optional.of("@generated");
                }
                if (text.contains("DO NOT EDIT")) {
                    return Optional.of("DO NOT EDIT");
                }
            }
        }
        return Optional.empty();
    }

    // Only comment lines count: "@generated" or "DO NOT EDIT" in code or data is not a header.
    private static boolean isComment(String text) {
        return text.startsWith("//") || text.startsWith("#") || text.startsWith("/*") || text.startsWith("*")
                || text.startsWith("<!--") || text.startsWith("--") || text.startsWith(";")
                || text.startsWith("%") || text.startsWith("\"\"\"");
    }

    private static List<String> headerLines(ConflictedFile file, ConflictHunk.Side side) {
        List<String> lines = new ArrayList<>();
        for (Segment segment : file.segments()) {
            if (lines.size() >= HEADER_LINES) {
                break;
            }
            if (segment instanceof StableText s) {
                lines.addAll(s.lines());
            } else if (segment instanceof ConflictHunk h) {
                lines.addAll(h.side(side));
            }
        }
        return lines.subList(0, Math.min(HEADER_LINES, lines.size()));
    }
}
