package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.llm.SystemPrompt;
import org.junit.jupiter.api.Test;

/**
 * The assembled prompts for fixture conflicts, compared with the reviewed files under
 * {@code src/test/resources/prompts/golden/}. After an intended change, regenerate them with
 * {@code mvn -o test -Dtest=ContextAssemblerGoldenTest -Dtruce.golden.update=true} and review the diff.
 */
class ContextAssemblerGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/prompts/golden");

    private final ContextAssembler assembler = new ContextAssembler(SystemPrompt.text(), ContextAssembler.TokenBudget.DEFAULT);

    static ConflictedFile build(FileVersions versions) {
        return new ConflictModelBuilder().build(versions, versions.presenceKind(), null);
    }

    static FileVersions versions(String path, String base, String ours, String theirs) {
        return new FileVersions(path, base.getBytes(StandardCharsets.UTF_8), ours.getBytes(StandardCharsets.UTF_8),
                theirs.getBytes(StandardCharsets.UTF_8));
    }

    private String render(FileVersions v, ChangeStory story, PromptStyle style) {
        return render(v, story, style, RelatedChanges.Elsewhere.NONE);
    }

    private String render(FileVersions v, ChangeStory story, PromptStyle style, RelatedChanges.Elsewhere elsewhere) {
        return render(assembler, v, story, style, elsewhere, Precedents.NONE);
    }

    private static String render(ContextAssembler assembler, FileVersions v, ChangeStory story, PromptStyle style,
            RelatedChanges.Elsewhere elsewhere, Precedents precedents) {
        ConflictedFile file = build(v);
        StringBuilder out = new StringBuilder();
        for (PromptPlan plan : assembler.assemble(file, v, story, file.hunks().stream().map(ConflictHunk::id).toList(),
                style, elsewhere, precedents, () -> false)) {
            out.append("=== request for ").append(String.join(", ", plan.hunkIds())).append(" (max output tokens ")
                    .append(plan.maxOutputTokens()).append(")").append(plan.trimmed().isEmpty() ? ""
                            : " trimmed: " + plan.trimmed()).append(" ===\n");
            out.append("--- stable prefix ---\n").append(plan.stablePrefix());
            out.append("--- content ---\n").append(plan.content());
        }
        return out.toString();
    }

    private static void assertGolden(String name, String actual) throws Exception {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("truce.golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file; create it with -Dtruce.golden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    static final String JAVA_BASE = """
            package shop;

            import java.util.List;

            /** Prices of a basket. */
            class Basket {
                private final List<Integer> items;

                Basket(List<Integer> items) {
                    this.items = items;
                }

                int total() {
                    int sum = 0;
                    for (int item : items) {
                        sum += item;
                    }
                    return sum;
                }

                int count() {
                    return items.size();
                }
            }
            """;

    @Test
    void javaMethodConflict() throws Exception {
        String ours = JAVA_BASE.replace("sum += item;", "sum += item * TAX_RATE / 100;")
                .replace("class Basket {", "class Basket {\n    static final int TAX_RATE = 120;\n");
        String theirs = JAVA_BASE.replace("sum += item;", "sum += Math.max(0, item);")
                .replace("return items.size();", "return (int) items.stream().filter(i -> i > 0).count();");
        assertGolden("java-method.txt", render(versions("src/main/java/shop/Basket.java", JAVA_BASE, ours, theirs),
                new ChangeStory(List.of("Add VAT to basket totals"), List.of("Ignore refunds (negative items)"),
                        "Refunds must not lower the total", "Negative items are refunds.\nThey are counted apart."),
                PromptStyle.CONTEXT));
    }

    static final String PY_BASE = """
            import os


            def load(path):
                with open(path) as f:
                    data = f.read()
                return data.split(",")


            def save(path, values):
                with open(path, "w") as f:
                    f.write(",".join(values))
            """;

    @Test
    void pythonFunctionConflict() throws Exception {
        String ours = PY_BASE.replace("return data.split(\",\")", "return [v.strip() for v in data.split(\",\")]");
        String theirs = PY_BASE.replace("return data.split(\",\")", "return data.split(\";\")")
                .replace("f.write(\",\".join(values))", "f.write(\";\".join(values))");
        assertGolden("python-function.txt", render(versions("src/store.py", PY_BASE, ours, theirs),
                ChangeStory.ofSubjects("Strip whitespace from loaded values", "Use ';' as the separator"),
                PromptStyle.CONTEXT));
    }

    @Test
    void multiHunkFileGroupsNearbyHunksAndSplitsFarOnes() throws Exception {
        String ours = JAVA_BASE.replace("import java.util.List;", "import java.util.ArrayList;")
                .replace("int sum = 0;", "long sum = 0L;").replace("return sum;", "return (int) sum;")
                .replace("return items.size();", "return items.size() + 1;");
        String theirs = JAVA_BASE.replace("import java.util.List;", "import java.util.Collection;")
                .replace("int sum = 0;", "int sum = START;").replace("return sum;",
                "return sum - DISCOUNT;").replace("return items.size();", "return items.isEmpty() ? 0 : items.size();");
        String prompts = render(versions("src/main/java/shop/Basket.java", JAVA_BASE, ours, theirs), ChangeStory.NONE,
                PromptStyle.CONTEXT);
        assertThat(prompts).contains("=== request for h0 ", "=== request for h1, h2, h3 ");
        assertGolden("java-multi-hunk.txt", prompts);
    }

    @Test
    void naivePromptIsTheWholeFileWithMarkersAndNothingElse() throws Exception {
        String ours = JAVA_BASE.replace("sum += item;", "sum += item * 2;");
        String theirs = JAVA_BASE.replace("sum += item;", "sum += item + 1;");
        String prompts = render(versions("src/main/java/shop/Basket.java", JAVA_BASE, ours, theirs),
                ChangeStory.ofSubjects("why ours", "why theirs"), PromptStyle.NAIVE);
        assertThat(prompts).doesNotContain("why ours").contains("<<<<<<< ours h0");
        assertGolden("java-naive.txt", prompts);
    }

    static final String RECEIPT_BASE = """
            package shop;

            /** A basket's receipt. */
            class Receipt {
                private final Basket basket;

                Receipt(Basket basket) {
                    this.basket = basket;
                }

                int total() {
                    return basket.sum();
                }

                String text() {
                    StringBuilder out = new StringBuilder();
                    out.append("items: ").append(basket.count());
                    return out.toString();
                }
            }
            """;

    /**
     * Ours renamed {@code total()} to {@code subtotal()} here and in another file; theirs added a call to the old
     * name inside the conflict. Only the related changes say that the call must use the new name.
     */
    @Test
    void aRenameOnOneSideElsewhereIsShownAsARelatedChange() throws Exception {
        String ours = RECEIPT_BASE.replace("int total() {", "int subtotal() {")
                .replace("out.append(\"items: \").append(basket.count());",
                        "out.append(\"items: \").append(basket.count()).append('\\n');");
        String theirs = RECEIPT_BASE.replace("out.append(\"items: \").append(basket.count());",
                "out.append(\"items: \").append(basket.count()).append(\", total: \").append(total());");
        RelatedChanges.Elsewhere elsewhere = RelatedChanges.Elsewhere.of(List.of(new RelatedChanges.FileChange(
                "src/main/java/shop/Checkout.java", "class Checkout {\n    int due(Receipt r) {\n        return r.total();\n    }\n}\n",
                "class Checkout {\n    int due(Receipt r) {\n        return r.subtotal();\n    }\n}\n")), List.of());
        String prompts = render(versions("src/main/java/shop/Receipt.java", RECEIPT_BASE, ours, theirs),
                ChangeStory.ofSubjects("Rename Receipt.total to subtotal; end the item line", "Show the total"),
                PromptStyle.CONTEXT, elsewhere);
        assertThat(prompts).contains("RELATED CHANGES", "ours renamed `total` to `subtotal` in"
                + " src/main/java/shop/Receipt.java:11 (2 changed lines in 2 files, also src/main/java/shop/Checkout.java:3); the conflict uses the old name `total`");
        assertGolden("java-related-rename.txt", prompts);
    }

    static final String HEADER_BASE = """
            /*
             * Copyright 2002-2023 the original author or authors.
             */
            package shop;

            class Coupon {
                int value() {
                    return 5;
                }
            }
            """;

    /** The same header line in many files: how the maintainers settled it before is what the prompt shows. */
    static Precedents headerPrecedents() {
        List<String> base = List.of(" * Copyright 2002-2023 the original author or authors.\n");
        List<String> ours = List.of(" * Copyright 2002-2024 the original author or authors.\n");
        List<String> theirs = List.of(" * Copyright 2002-2025 the original author or authors.\n");
        return new dev.truce.history.PrecedentIndex(List.of(
                new Precedent("a1b2c3d4e5f6", "src/main/java/shop/Basket.java", 100, base, ours, theirs, ours, true),
                new Precedent("0f1e2d3c4b5a", "src/main/java/shop/Receipt.java", 200, base, ours, theirs, ours, true),
                new Precedent("77aa77aa77aa", "src/main/java/shop/Coupon.java", 300, List.of("    int value() {\n"),
                        List.of("    long value() {\n"), List.of("    int amount() {\n"),
                        List.of("    long amount() {\n"), true))).olderThan(400);
    }

    @Test
    void precedentsOfTheRepositoryAreShownAfterTheRelatedChanges() throws Exception {
        String ours = HEADER_BASE.replace("2002-2023", "2002-2024");
        String theirs = HEADER_BASE.replace("2002-2023", "2002-2025");
        String prompts = render(assembler, versions("src/main/java/shop/Coupon.java", HEADER_BASE, ours, theirs),
                ChangeStory.ofSubjects("Release 2.4", "Update copyright headers"), PromptStyle.CONTEXT,
                RelatedChanges.Elsewhere.NONE, headerPrecedents());
        assertThat(prompts).contains("PRECEDENTS (how this repository's maintainers resolved similar conflicts",
                "precedent 1: 0f1e2d3c4b5a src/main/java/shop/Receipt.java (another file, lines 100% alike)",
                "precedent 2: a1b2c3d4e5f6 src/main/java/shop/Basket.java (another file, lines 100% alike)",
                "precedent 3: 77aa77aa77aa src/main/java/shop/Coupon.java (same file, lines 0% alike)",
                "committed:\n  |  * Copyright 2002-2024 the original author or authors.");
        assertGolden("java-precedents.txt", prompts);
    }

    @Test
    void precedentsAreTheFirstContextTrimmedWhenThePromptIsOverBudget() {
        String ours = HEADER_BASE.replace("2002-2023", "2002-2024");
        String theirs = HEADER_BASE.replace("2002-2023", "2002-2025");
        FileVersions v = versions("src/main/java/shop/Coupon.java", HEADER_BASE, ours, theirs);
        String full = render(assembler, v, ChangeStory.NONE, PromptStyle.CONTEXT, RelatedChanges.Elsewhere.NONE,
                headerPrecedents());
        String without = render(assembler, v, ChangeStory.NONE, PromptStyle.CONTEXT, RelatedChanges.Elsewhere.NONE,
                Precedents.NONE);
        // A budget between the prompt without precedents and with one: they go, the enclosing code stays.
        PromptPlan plain = assembler.assemble(build(v), v, ChangeStory.NONE, List.of(0), PromptStyle.CONTEXT,
                RelatedChanges.Elsewhere.NONE, Precedents.NONE, () -> false).get(0);
        TokenCounter tokens = new TokenCounter();
        int tokensWithout = tokens.count(SystemPrompt.text()) + tokens.count(plain.stablePrefix())
                + tokens.count(plain.content());
        ContextAssembler tight = new ContextAssembler(SystemPrompt.text(),
                new ContextAssembler.TokenBudget(tokensWithout + 5, 6, 120, 12));

        String trimmed = render(tight, v, ChangeStory.NONE, PromptStyle.CONTEXT, RelatedChanges.Elsewhere.NONE,
                headerPrecedents());

        assertThat(full).contains("PRECEDENTS");
        assertThat(without).doesNotContain("PRECEDENTS");
        assertThat(trimmed).doesNotContain("PRECEDENTS").contains("ENCLOSING CODE")
                .contains("trimmed: [a precedent: 77aa77aa77aa src/main/java/shop/Coupon.java, a precedent: a1b2c3d4e5f6"
                        + " src/main/java/shop/Basket.java, a precedent: 0f1e2d3c4b5a src/main/java/shop/Receipt.java]");
    }
}
