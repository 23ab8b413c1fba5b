package dev.truce.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.truce.validate.JavaParser.Import;
import dev.truce.validate.JavaParser.Parsed;

/**
 * Import mistakes in a resolved Java file that javac would reject, judged without a classpath and so only
 * where the file and its sides settle it:
 * <ul>
 * <li>two single-type imports binding one simple name to different types (or an import of a type named like a
 * type the file declares), when neither side had that clash;</li>
 * <li>a name used in the resolved regions (anywhere, when the resolution decided the import section) that a
 * side imported and the result no longer does, when nothing else could provide it: not declared in the file,
 * not a {@code java.lang} type, no wildcard import that might hold it, and no side using it without an import
 * (which would mean it comes from the same package or a supertype).</li>
 * </ul>
 * Anything less certain passes.
 */
final class JavaImports {

    private JavaImports() {
    }

    /** Clashes the result has and neither side had. */
    static List<Diagnostic> clashes(String path, Parsed result, List<Side> sides) {
        List<Diagnostic> found = new ArrayList<>();
        for (Map.Entry<String, List<Import>> clash : clashesOf(result.imports(), result.topLevel(), result.pkg())
                .entrySet()) {
            String name = clash.getKey();
            if (sides.stream().anyMatch(side -> side.clashes(name))) {
                continue; // a side never compiled with it either, or is not understood
            }
            List<Import> imports = clash.getValue();
            Import second = imports.size() > 1 ? imports.get(1) : imports.get(0);
            String message = imports.size() > 1
                    ? "imports " + imports.get(0).name() + " (line " + imports.get(0).line() + ") and "
                            + second.name() + " both bind " + name + "; javac rejects two types of one simple name"
                    : "imports " + second.name() + " while the file declares a type " + name
                            + "; javac rejects the import";
            found.add(Diagnostic.error(path, second.line(), message, "imports"));
        }
        return found;
    }

    /** Per clashing simple name, the single-type imports that clash (one when it clashes with a declaration). */
    private static Map<String, List<Import>> clashesOf(List<Import> imports, Set<String> topLevel, String pkg) {
        Map<String, List<Import>> byName = new LinkedHashMap<>();
        for (Import i : imports) {
            if (!i.isStatic() && !i.wildcard()) {
                List<Import> same = byName.computeIfAbsent(i.simpleName(), k -> new ArrayList<>());
                if (same.stream().noneMatch(s -> s.name().equals(i.name()))) {
                    same.add(i);
                }
            }
        }
        Map<String, List<Import>> clashes = new TreeMap<>();
        byName.forEach((name, same) -> {
            boolean declaredHere = topLevel.contains(name)
                    && same.stream().noneMatch(i -> i.name().equals(qualified(pkg, name)));
            if (same.size() > 1 || declaredHere) {
                clashes.put(name, same);
            }
        });
        return clashes;
    }

    /** Names the result uses without an import a side had for them, where nothing else could provide them. */
    static List<Diagnostic> dropped(ResolvedFile file, Parsed result, List<Side> sides) {
        boolean importsResolved = result.imports().stream().anyMatch(i -> file.resolved(i.line()));
        List<Diagnostic> found = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> use : new TreeMap<>(result.uses()).entrySet()) {
            String name = use.getKey();
            Optional<Integer> line = use.getValue().stream().filter(l -> importsResolved || file.resolved(l))
                    .findFirst();
            if (line.isEmpty()) {
                continue;
            }
            List<String> importedBy = new ArrayList<>();
            List<String> from = new ArrayList<>();
            List<Side> without = new ArrayList<>();
            for (Side side : sides) {
                Optional<Import> imported = side.imports().stream()
                        .filter(i -> !i.wildcard() && i.simpleName().equals(name)).findFirst();
                if (imported.isPresent()) {
                    importedBy.add(side.name());
                    from.add(imported.get().name());
                } else {
                    without.add(side);
                }
            }
            // Cheapest first: most names no side imported (locals, members), and those are not this check's business.
            if (importedBy.isEmpty() || providedInResult(result, name) || wildcardMayProvide(result, from)) {
                continue;
            }
            // A side that uses the name without importing it gets it from its package or a supertype; a side
            // Truce cannot parse says nothing. Either way: not sure, pass.
            if (without.stream().anyMatch(side -> !side.parsed().parses() || side.parsed().uses().containsKey(name))) {
                continue;
            }
            found.add(Diagnostic.error(file.path(), line.get(), "uses " + name + ", which " + String.join(" and ",
                    importedBy) + " imported (" + String.join(", ", from.stream().distinct().toList()) + ") and the result no longer"
                    + " imports; javac cannot find it", "imports"));
        }
        return found;
    }

    private static boolean providedInResult(Parsed result, String name) {
        if (result.declared().contains(name) || javaLang(name)) {
            return true;
        }
        for (Import i : result.imports()) {
            if (!i.wildcard() && i.simpleName().equals(name)) {
                return true;
            }
            if (i.wildcard() && i.isStatic()) {
                return true; // a static wildcard brings members and member types nobody here can list
            }
        }
        return false;
    }

    /**
     * Whether a type wildcard of the result might provide the name: one of the package a side imported it
     * from, or any package outside the JDK (whose contents are unknown here). JDK packages are looked up.
     */
    private static boolean wildcardMayProvide(Parsed result, List<String> importedFrom) {
        for (Import i : result.imports()) {
            if (!i.wildcard() || i.isStatic()) {
                continue;
            }
            String pkg = i.qualifier();
            for (String name : importedFrom) {
                String simple = name.substring(name.lastIndexOf('.') + 1);
                if (name.equals(pkg + "." + simple) || !jdkPackage(pkg) || jdkType(pkg + "." + simple)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean javaLang(String name) {
        return !name.isEmpty() && Character.isUpperCase(name.charAt(0)) && jdkType("java.lang." + name);
    }

    private static boolean jdkPackage(String pkg) {
        return ModuleLayer.boot().modules().stream().anyMatch(m -> m.getPackages().contains(pkg));
    }

    private static boolean jdkType(String name) {
        try {
            Class.forName(name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * One side of the merge, read as little as the checks need: its import lines by a line scan, the full parse
     * (names it uses, types it declares) only when a finding depends on it.
     */
    static final class Side {

        private static final java.util.regex.Pattern IMPORT = java.util.regex.Pattern.compile(
                "\\s*import\\s+(static\\s+)?([\\w$.]+?)(\\s*\\.\\s*\\*)?\\s*;.*");

        private final String name;
        private final String text;
        private final java.util.function.Function<String, Parsed> parser;
        private List<Import> imports;
        private Parsed parsed;

        Side(String name, String text, java.util.function.Function<String, Parsed> parser) {
            this.name = name;
            this.text = text;
            this.parser = parser;
        }

        String name() {
            return name;
        }

        List<Import> imports() {
            if (imports == null) {
                List<Import> found = new ArrayList<>();
                int number = 0;
                for (String line : (Iterable<String>) text.lines()::iterator) {
                    number++;
                    java.util.regex.Matcher m = IMPORT.matcher(line);
                    if (m.matches()) {
                        found.add(new Import(m.group(2).replaceAll("\\s+", "") + (m.group(3) == null ? "" : ".*"),
                                m.group(1) != null, number));
                    }
                }
                imports = found;
            }
            return imports;
        }

        Parsed parsed() {
            if (parsed == null) {
                parsed = parser.apply(text);
            }
            return parsed;
        }

        /** Whether this side has the clash too, or cannot be read well enough to say it has not. */
        boolean clashes(String simpleName) {
            if (clashesOf(imports(), Set.of(), "").containsKey(simpleName)) {
                return true;
            }
            Parsed unit = parsed();
            return !unit.parses() || clashesOf(unit.imports(), unit.topLevel(), unit.pkg()).containsKey(simpleName);
        }
    }

    private static String qualified(String pkg, String name) {
        return pkg.isEmpty() ? name : pkg + "." + name;
    }
}
