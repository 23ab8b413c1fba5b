package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.firstHunk;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListInsertionStrategyTest {

    private final ListInsertionStrategy strategy = new ListInsertionStrategy();

    @Test
    void authorsFromBothSidesKeepTheFileSorted() {
        String base = "Anna Arden\nBen Brook\nCarl Cole\nDora Dale\nEve East\nZoe Zinn\n";
        String ours = "Anna Arden\nBen Brook\nCarl Cole\nDora Dale\nEve East\nFred Fox\nZoe Zinn\n";
        String theirs = "Anna Arden\nBen Brook\nCarl Cole\nDora Dale\nEve East\nGina Gold\nZoe Zinn\n";
        Verdict v = firstHunk(strategy, "AUTHORS", base, ours, theirs);
        assertThat(text(v)).isEqualTo("Fred Fox\nGina Gold\n");
        assertThat(v.reason()).contains("sorted");
    }

    @Test
    void pomModulesInSortedOrder() {
        String base = "<modules>\n  <module>api</module>\n  <module>core</module>\n  <module>web</module>\n</modules>\n";
        String ours = "<modules>\n  <module>api</module>\n  <module>core</module>\n  <module>docs</module>\n"
                + "  <module>web</module>\n</modules>\n";
        String theirs = "<modules>\n  <module>api</module>\n  <module>core</module>\n  <module>test</module>\n"
                + "  <module>web</module>\n</modules>\n";
        Verdict v = firstHunk(strategy, "pom.xml", base, ours, theirs);
        assertThat(text(v)).isEqualTo("  <module>docs</module>\n  <module>test</module>\n");
    }

    @Test
    void enumConstantsWithTrailingCommas() {
        String base = "enum Color {\n    BLUE,\n    GREEN,\n    RED,\n    YELLOW;\n}\n";
        String ours = "enum Color {\n    BLUE,\n    GREEN,\n    ORANGE,\n    RED,\n    YELLOW;\n}\n";
        String theirs = "enum Color {\n    BLUE,\n    GREEN,\n    PINK,\n    RED,\n    YELLOW;\n}\n";
        Verdict v = firstHunk(strategy, "Color.java", base, ours, theirs);
        assertThat(text(v)).isEqualTo("    ORANGE,\n    PINK,\n");
    }

    @Test
    void sortedChangelogBulletsWithContinuationLines() {
        String base = "Changes\n\n- alpha fix\n- beta fix\n- zeta fix\n";
        String ours = "Changes\n\n- alpha fix\n- beta fix\n- delta fix\n  spanning two lines\n- zeta fix\n";
        String theirs = "Changes\n\n- alpha fix\n- beta fix\n- gamma fix\n- zeta fix\n";
        Verdict v = firstHunk(strategy, "CHANGELOG.md", base, ours, theirs);
        assertThat(text(v)).isEqualTo("- delta fix\n  spanning two lines\n- gamma fix\n");
    }

    @Test
    void passesOnTheSamePropertyKeyWithDifferentValues() {
        String base = "a=1\nb=2\nz=9\n";
        String ours = "a=1\nb=2\nc=3\nz=9\n";
        String theirs = "a=1\nb=2\nc=4\nz=9\n";
        Verdict v = firstHunk(strategy, "app.properties", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("added twice");
    }

    @Test
    void passesWhenShapesDiffer() {
        String base = "<modules>\n  <module>api</module>\n  <module>web</module>\n</modules>\n";
        String ours = "<modules>\n  <module>api</module>\n  <module>docs</module>\n  <module>web</module>\n</modules>\n";
        String theirs = "<modules>\n  <module>api</module>\n    <module>deep</module>\n  <module>web</module>\n</modules>\n";
        assertThat(firstHunk(strategy, "pom.xml", base, ours, theirs)).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void passesWhenAnInsertedQuotedItemHasNoComma() {
        String base = "X = [\n    \"a\",\n    \"b\",\n    \"z\",\n]\n";
        String ours = "X = [\n    \"a\",\n    \"b\",\n    \"c\"\n    \"z\",\n]\n";
        String theirs = "X = [\n    \"a\",\n    \"b\",\n    \"d\",\n    \"z\",\n]\n";
        Verdict v = firstHunk(strategy, "x.py", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("comma");
    }

    @Test
    void passesOnAnUnsortedList() {
        String base = "zed\nalpha\nmike\n";
        String ours = "zed\nalpha\nbravo\nmike\n";
        String theirs = "zed\nalpha\nyankee\nmike\n";
        Verdict v = firstHunk(strategy, "AUTHORS", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("not sorted");
    }

    @Test
    void notApplicableWhenTheBaseHadLines() {
        Verdict v = firstHunk(strategy, "AUTHORS", "a\nb\nc\n", "a\nx\nc\n", "a\ny\nc\n");
        assertThat(v).isInstanceOf(Verdict.Passed.class);
    }
}
