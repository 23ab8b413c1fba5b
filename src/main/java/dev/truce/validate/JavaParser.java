package dev.truce.validate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;

/**
 * Java source through the JDK's own parser: the compiler API's parse phase only (no classpath, no symbol
 * resolution, nothing written), in memory. One file manager serves every parse; a task per text costs about
 * a millisecond beside the parse itself (see docs/validation.md).
 */
final class JavaParser {

    private final JavaCompiler compiler;
    private final StandardJavaFileManager files;
    private final String unavailable;

    JavaParser() {
        JavaCompiler found = ToolProvider.getSystemJavaCompiler();
        this.compiler = found;
        this.files = found == null ? null : found.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        this.unavailable = found == null
                ? "this Java runtime has no compiler (module jdk.compiler); run Truce on a JDK to check Java syntax"
                : null;
    }

    /** Why Java cannot be parsed here, or {@code null} when it can. */
    String unavailable() {
        return unavailable;
    }

    /** Parses one compilation unit. Synchronized: the shared file manager is not thread-safe. */
    synchronized Parsed parse(String path, String text) {
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + name(path)),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        DiagnosticCollector<JavaFileObject> messages = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, files, messages, List.of("-proc:none", "-Xlint:none"),
                null, List.of(source));
        CompilationUnitTree unit;
        try {
            var units = task.parse().iterator();
            unit = units.hasNext() ? units.next() : null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading an in-memory source cannot fail", e);
        }
        List<Diagnostic> errors = new ArrayList<>();
        for (var d : messages.getDiagnostics()) {
            if (d.getKind() == javax.tools.Diagnostic.Kind.ERROR) {
                errors.add(new Diagnostic(path, (int) Math.max(0, d.getLineNumber()),
                        (int) Math.max(0, d.getColumnNumber()), Diagnostic.Severity.ERROR, d.getMessage(Locale.ROOT),
                        "java"));
            }
        }
        if (!errors.isEmpty() || unit == null) {
            return new Parsed(errors, List.of(), Set.of(), Set.of(), Map.of());
        }
        return read(unit, Trees.instance(task).getSourcePositions(), errors);
    }

    private static Parsed read(CompilationUnitTree unit, SourcePositions positions, List<Diagnostic> errors) {
        LineMap lines = unit.getLineMap();
        List<Import> imports = new ArrayList<>();
        for (ImportTree tree : unit.getImports()) {
            imports.add(new Import(tree.getQualifiedIdentifier().toString(), tree.isStatic(),
                    (int) lines.getLineNumber(positions.getStartPosition(unit, tree))));
        }
        Set<String> topLevel = new HashSet<>();
        for (Tree type : unit.getTypeDecls()) {
            if (type instanceof ClassTree c) {
                topLevel.add(c.getSimpleName().toString());
            }
        }
        Set<String> declared = new HashSet<>();
        Map<String, List<Integer>> uses = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitImport(ImportTree node, Void p) {
                return null; // names in imports are what is provided, not what is used
            }

            @Override
            public Void visitClass(ClassTree node, Void p) {
                declared.add(node.getSimpleName().toString());
                return super.visitClass(node, p);
            }

            @Override
            public Void visitMethod(MethodTree node, Void p) {
                declared.add(node.getName().toString());
                return super.visitMethod(node, p);
            }

            @Override
            public Void visitVariable(VariableTree node, Void p) {
                declared.add(node.getName().toString());
                return super.visitVariable(node, p);
            }

            @Override
            public Void visitTypeParameter(TypeParameterTree node, Void p) {
                declared.add(node.getName().toString());
                return super.visitTypeParameter(node, p);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void p) {
                long start = positions.getStartPosition(unit, node);
                if (start >= 0) {
                    uses.computeIfAbsent(node.getName().toString(), k -> new ArrayList<>())
                            .add((int) lines.getLineNumber(start));
                }
                return null;
            }
        }.scan(unit.getTypeDecls(), null);
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        return new Parsed(errors, imports, topLevel, declared, uses, pkg);
    }

    private static String name(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.endsWith(".java") && name.length() > 5 ? name : "Source.java";
    }

    /**
     * One import declaration.
     *
     * @param name     what it imports: {@code a.b.C}, {@code a.b.*}, {@code a.b.C.member} when static
     * @param isStatic whether it is a static import
     * @param line     its line
     */
    record Import(String name, boolean isStatic, int line) {

        boolean wildcard() {
            return name.endsWith(".*");
        }

        /** The simple name a single import binds. */
        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        /** The package (or, for static imports, the type) it imports from. */
        String qualifier() {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(0, dot);
        }
    }

    /**
     * A parsed compilation unit, as far as the checks need it.
     *
     * @param errors   the parser's errors; when there are any, the rest is empty
     * @param imports  the import declarations, in order
     * @param topLevel the simple names of the top-level types
     * @param declared every name the file declares: types, type parameters, methods, fields, variables
     * @param uses     every simple name used outside the imports, with the lines it is used on
     * @param pkg      the package name, empty for the unnamed package
     */
    record Parsed(List<Diagnostic> errors, List<Import> imports, Set<String> topLevel, Set<String> declared,
            Map<String, List<Integer>> uses, String pkg) {

        Parsed(List<Diagnostic> errors, List<Import> imports, Set<String> topLevel, Set<String> declared,
                Map<String, List<Integer>> uses) {
            this(errors, imports, topLevel, declared, uses, "");
        }

        boolean parses() {
            return errors.isEmpty();
        }
    }
}
