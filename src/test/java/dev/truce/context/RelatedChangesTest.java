package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Related changes: one side's renames and changed declarations of names a conflict uses, and nothing else. */
class RelatedChangesTest {

    static final String PRICE = """
            class Price {
                int total(int qty) {
                    return getTotal() * qty;
                }

                int getTotal() {
                    return 42;
                }

                int conflicted() {
                    return 0;
                }
            }
            """;

    /** Base lines of {@code return 0;} in PRICE (0-based, end exclusive): the stand-in for the conflict. */
    private static final int FROM = 10;
    private static final int TO = 11;

    private static List<RelatedChanges.Fact> find(String ours, String theirs, Set<String> names,
            RelatedChanges.Elsewhere elsewhere) {
        return RelatedChanges.find("src/Price.java", PRICE, ours, theirs, FROM, TO, names, elsewhere, 8);
    }

    @Test
    void aRenameOnOneSideIsReportedWithWhereAndHowWidespread() {
        String theirs = PRICE.replace("getTotal", "computeTotal");
        RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.of(List.of(), List.of(
                new RelatedChanges.FileChange("src/Cart.java", "int x = p.getTotal();\n", "int x = p.computeTotal();\n"),
                new RelatedChanges.FileChange("src/Shop.java", "a();\nb(p.getTotal());\n", "a();\nb(p.computeTotal());\n")));
        List<RelatedChanges.Fact> facts = find(PRICE, theirs, Set.of("getTotal", "qty"), elsewhere);
        assertThat(facts).extracting(RelatedChanges.Fact::text).containsExactly(
                "theirs renamed `getTotal` to `computeTotal` in src/Price.java:6 (4 changed lines in 3 files, also src/Cart.java:1, src/Shop.java:2);"
                        + " the conflict uses the old name `getTotal`");
        assertThat(facts.get(0).kind()).isEqualTo(RelatedChanges.Kind.RENAME);
        assertThat(facts.get(0).side()).isEqualTo("theirs");
    }

    @Test
    void aRenameFoundOnlyInOtherFilesIsReportedThere() {
        RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.of(List.of(
                new RelatedChanges.FileChange("src/Cart.java", "int x = p.getTotal();\n", "int x = p.computeTotal();\n")),
                List.of());
        List<RelatedChanges.Fact> facts = find(PRICE, PRICE, Set.of("getTotal"), elsewhere);
        assertThat(facts).extracting(RelatedChanges.Fact::text).containsExactly(
                "ours renamed `getTotal` to `computeTotal` in src/Cart.java:1; the conflict uses the old name `getTotal`");
        assertThat(facts.get(0).distance()).isEqualTo(-1);
    }

    @Test
    void aChangedDeclarationOfANameTheConflictUsesIsReported() {
        String ours = PRICE.replace("int total(int qty) {", "int total(int qty, Tax tax) {");
        List<RelatedChanges.Fact> facts = find(ours, PRICE, Set.of("total"), RelatedChanges.Elsewhere.NONE);
        assertThat(facts).extracting(RelatedChanges.Fact::text).containsExactly(
                "ours changed the declaration of `total` in src/Price.java:2 from `int total(int qty)` to"
                        + " `int total(int qty, Tax tax)`");
        assertThat(facts.get(0).kind()).isEqualTo(RelatedChanges.Kind.SIGNATURE);
        assertThat(facts.get(0).distance()).isEqualTo(9);
    }

    @Test
    void declarationsOfOtherLanguagesAreRecognisedAndCallsAreNot() {
        assertThat(RelatedChanges.declaredName("    def load(path, sep=','):")).isEqualTo("load");
        assertThat(RelatedChanges.declaredName("func (s *Store) Load(path string) error {")).isEqualTo("Load");
        assertThat(RelatedChanges.declaredName("  override fun load(path: String): List<String> {")).isEqualTo("load");
        assertThat(RelatedChanges.declaredName("export async function load(path: string) {")).isEqualTo("load");
        assertThat(RelatedChanges.declaredName("    public static List<String> load(Path path) {")).isEqualTo("load");
        assertThat(RelatedChanges.declaredName("        return load(path);")).isNull();
        assertThat(RelatedChanges.declaredName("        x = load(path);")).isNull();
        assertThat(RelatedChanges.declaredName("        Foo f = new Foo(path);")).isNull();
        assertThat(RelatedChanges.declaredName("        if (ready(path)) {")).isNull();
    }

    @Test
    void unrelatedEditsAreNotReported() {
        // A changed value, a rename of a name the conflict does not use, a changed call, a new parameter of a
        // method the conflict does not use.
        String ours = PRICE.replace("return 42;", "return 43;").replace("int qty) {", "int qty, int n) {");
        String theirs = PRICE.replace("return getTotal() * qty;", "return getTotal() * qty + 1;")
                .replace("(int qty)", "(int count)").replace("* qty", "* count");
        assertThat(find(ours, theirs, Set.of("getTotal", "conflicted"), RelatedChanges.Elsewhere.NONE)).isEmpty();
    }

    @Test
    void theSameRenameOnBothSidesIsNotOneSided() {
        String both = PRICE.replace("getTotal", "computeTotal");
        assertThat(find(both, both, Set.of("getTotal"), RelatedChanges.Elsewhere.NONE)).isEmpty();
        // ... also when the other side made it only in another file
        RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.of(List.of(), List.of(
                new RelatedChanges.FileChange("src/Cart.java", "int x = p.getTotal();\n", "int x = p.computeTotal();\n")));
        assertThat(find(both, PRICE, Set.of("getTotal"), elsewhere)).isEmpty();
    }

    @Test
    void theSameSignatureChangeOnBothSidesIsNotOneSided() {
        String both = PRICE.replace("int total(int qty) {", "int total(int qty, Tax tax) {");
        assertThat(find(both, both, Set.of("total"), RelatedChanges.Elsewhere.NONE)).isEmpty();
    }

    @Test
    void anInconsistentRenameIsNotReported() {
        String ours = PRICE.replace("return getTotal() * qty;", "return computeTotal() * qty;")
                .replace("int getTotal() {", "int totalPrice() {");
        assertThat(find(ours, PRICE, Set.of("getTotal"), RelatedChanges.Elsewhere.NONE)).isEmpty();
    }

    @Test
    void changesInsideTheConflictAreNotRelatedChanges() {
        String ours = PRICE.replace("return 0;", "return getTotal();");
        String theirs = PRICE.replace("int conflicted() {", "int conflicted2() {");
        assertThat(RelatedChanges.find("src/Price.java", PRICE, ours, theirs, FROM - 1, TO,
                Set.of("getTotal", "conflicted"), RelatedChanges.Elsewhere.NONE, 8)).isEmpty();
    }

    @Test
    void factsAreBoundedAndNearestFirst() {
        String ours = PRICE.replace("getTotal", "computeTotal").replace("int total(int qty) {", "int total(long qty) {");
        List<RelatedChanges.Fact> all = find(ours, PRICE, Set.of("getTotal", "total"), RelatedChanges.Elsewhere.NONE);
        assertThat(all).extracting(RelatedChanges.Fact::distance).containsExactly(5, 8);
        assertThat(RelatedChanges.find("src/Price.java", PRICE, ours, PRICE, FROM, TO, Set.of("getTotal", "total"),
                RelatedChanges.Elsewhere.NONE, 1)).extracting(RelatedChanges.Fact::identifier).containsExactly("getTotal");
    }

    @Test
    void identifiersLeaveOutKeywordsAndStrings() {
        assertThat(RelatedChanges.identifiers(List.of("    return \"getTotal\" + total(qty); // int\n")))
                .containsExactly("total", "qty");
        // Python, Go and Kotlin names that are keywords elsewhere (soft keywords, builtins) still count.
        assertThat(RelatedChanges.identifiers(List.of("    data = open(path).read()  # not self\n")))
                .containsExactly("data", "open", "path", "read");
    }

    @Test
    void theMergesOtherFilesAreReadFromTheRepositoryTrees(@TempDir Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("Price.java"), PRICE);
            Files.writeString(dir.resolve("Cart.java"), "class Cart {\n    int x = p.getTotal();\n}\n");
            Files.writeString(dir.resolve("logo.bin"), "\0\1\2");
            RevCommit base = commit(git, "base");
            Files.writeString(dir.resolve("Cart.java"), "class Cart {\n    int x = p.computeTotal();\n}\n");
            Files.writeString(dir.resolve("New.java"), "class New { int y = p.computeTotal(); }\n");
            Files.writeString(dir.resolve("logo.bin"), "\0\1\3");
            RevCommit theirs = commit(git, "theirs renames");
            ObjectId baseTree = base.getTree().getId();
            RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.fromTrees(git.getRepository(), baseTree,
                    baseTree, theirs.getTree().getId());
            assertThat(find(PRICE, PRICE, Set.of("getTotal"), elsewhere)).extracting(RelatedChanges.Fact::text)
                    .containsExactly("theirs renamed `getTotal` to `computeTotal` in Cart.java:2;"
                            + " the conflict uses the old name `getTotal`");
            assertThat(RelatedChanges.Elsewhere.fromTrees(git.getRepository(), null, baseTree, baseTree))
                    .isSameAs(RelatedChanges.Elsewhere.NONE);
        }
    }

    @Test
    void atMostMaxFilesTextFilesPerSideAreObservedInTheDiffsOrderSkippedFilesNotCounted(@TempDir Path dir)
            throws Exception {
        int max = RelatedChanges.Elsewhere.MAX_FILES;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            // A binary file first in the diff's (path) order: left out, and not one of the files counted.
            Files.writeString(dir.resolve("a-logo.bin"), "\0\1\2");
            for (int i = 0; i <= max; i++) {
                Files.writeString(dir.resolve(String.format("f%04d.java", i)), "int x = old" + i + "();\n");
            }
            RevCommit base = commit(git, "base");
            Files.writeString(dir.resolve("a-logo.bin"), "\0\1\3");
            for (int i = 0; i <= max; i++) {
                Files.writeString(dir.resolve(String.format("f%04d.java", i)), "int x = new" + i + "();\n");
            }
            RevCommit theirs = commit(git, "theirs renames in every file");
            ObjectId baseTree = base.getTree().getId();
            RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.fromTrees(git.getRepository(), baseTree,
                    baseTree, theirs.getTree().getId());

            List<RelatedChanges.Fact> facts = find(PRICE, PRICE, Set.of("old0", "old" + (max - 1), "old" + max),
                    elsewhere);

            assertThat(facts).extracting(RelatedChanges.Fact::text).containsExactly(
                    "theirs renamed `old0` to `new0` in f0000.java:1; the conflict uses the old name `old0`",
                    "theirs renamed `old" + (max - 1) + "` to `new" + (max - 1) + "` in f0" + (max - 1)
                            + ".java:1; the conflict uses the old name `old" + (max - 1) + "`");
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                .setSign(false).call();
    }
}
