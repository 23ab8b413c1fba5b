package dev.truce.publish;

import static dev.truce.publish.RenderedMarkdown.html;
import static dev.truce.publish.RenderedMarkdown.visible;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Untrusted text through {@link Markdown}, rendered as GitHub-flavoured Markdown: it shows as written, and no more. */
class MarkdownTest {

    /** What a pull request, a repository or a model can put in a path, a branch name or a rationale. */
    static final List<String> HOSTILE = List.of(
            "@org/team please review",
            "ping @alice and @bob",
            "[click](javascript:alert(1))",
            "[docs][1]\n\n[1]: https://evil.example",
            "![img](https://evil.example/pixel.png)",
            "<details><summary>hidden</summary>all fine</details>",
            "<img src=x onerror=alert(1)>",
            "see http://evil.example/x, https://evil.example and www.evil.example",
            "mail admin@evil.example",
            "fixes #12 and other/repo#3",
            "a | b | c",
            "first line\nsecond line\r\nthird",
            "**bold** _em_ ~~gone~~ `code` $x^2$",
            "&lt;script&gt; &amp; &#x3C;",
            "```\ncode fence\n```",
            " ~~~~",
            "\\[escaped\\](http://evil.example)",
            "right\u202Eleft override");

    @Test
    void proseShowsAsWrittenWithoutLinksImagesHtmlOrFormatting() {
        for (String hostile : HOSTILE) {
            String md = "- reason: " + Markdown.text(hostile);
            String html = html(md);

            assertThat(html).as(hostile).doesNotContain("<a ", "<img", "<details", "<summary", "<strong", "<em>",
                    "<del", "<pre", "<h1");
            assertThat(html.split("<li>", -1)).as("one list item: " + hostile).hasSize(2);
            String expected = hostile.replaceAll("\r?\n", " ").replace("\u202E", "").strip();
            assertThat(visible(md).strip()).as(hostile).isEqualTo("reason: " + expected);
        }
    }

    @Test
    void proseMentionsNoOneAndReferencesNothing() {
        for (String hostile : HOSTILE) {
            String seen = RenderedMarkdown.textOutsideCode("- " + Markdown.text(hostile));
            // GitHub links @login, #123, owner/repo#123 and bare URLs in the rendered text outside code.
            assertThat(seen).as(hostile).doesNotContainPattern("@[A-Za-z0-9]").doesNotContainPattern("#[0-9]")
                    .doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)www\\.");
        }
    }

    @Test
    void proseInATableCellStaysInItsCell() {
        for (String hostile : HOSTILE) {
            String md = "| a | b |\n| --- | --- |\n| " + Markdown.cell(hostile) + " | last |\n";
            String html = html(md);

            assertThat(html).as(hostile).contains("<td>last</td>").doesNotContain("<a ", "<img", "<details");
            assertThat(html.split("<td", -1)).as("two cells: " + hostile).hasSize(3);
            String expected = hostile.replaceAll("\r?\n", " ").replace("\u202E", "").strip();
            assertThat(visible(md)).as(hostile).contains(expected);
        }
    }

    @Test
    void longProseIsCutWithAnEllipsis() {
        String cut = Markdown.text("word ".repeat(500));

        assertThat(visible(cut).strip()).hasSizeLessThanOrEqualTo(Markdown.MAX_PROSE).endsWith("…");
        assertThat(Markdown.text("short")).isEqualTo("short");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "a`b.txt", "``x", "x`", "`", "a ``` b", " leading", "trailing ", "B|x.txt",
        "<details>", "@org/team", "[x](javascript:y)", "src/x;curl${IFS}evil.example|sh;#.txt"})
    void aCodeSpanShowsTheTextLiterally(String raw) {
        String html = html(Markdown.code(raw));

        assertThat(html).isEqualTo("<p><code>" + escapeHtml(raw) + "</code></p>\n");
    }

    @Test
    void aCodeSpanShowsControlAndInvisibleCharactersAsEscapes() {
        assertThat(html(Markdown.code("a\nb\r\u001b[31m\u202Ec"))).isEqualTo("<p><code>a\\nb\\r\\x1b[31m\\u202ec</code></p>\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B|x.txt", "a`|`b", "||", "x\\|y"})
    void aCodeSpanInATableCellKeepsItsPipes(String raw) {
        String html = html("| File | Next |\n| --- | --- |\n| " + Markdown.cellCode(raw) + " | z |\n");

        assertThat(html).contains("<td><code>" + escapeHtml(raw) + "</code></td>", "<td>z</td>");
    }

    @Test
    void aFenceIsLongerThanAnyRunOfBackticksOrTildesInside() {
        String content = "context\n ~~~~\n```\n````\n~~~~~~\nlast line\n";
        String md = Markdown.fenced("diff", content) + "after\n";

        assertThat(RenderedMarkdown.fencedBlocks(md)).containsExactly("diff\n" + content);
        assertThat(html(md)).endsWith("<p>after</p>\n");
        assertThat(Markdown.fenced("sh", "x")).isEqualTo("```sh\nx\n```\n");
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
