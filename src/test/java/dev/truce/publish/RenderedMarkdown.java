package dev.truce.publish;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * What a reader sees of Markdown Truce writes: rendered by a CommonMark parser with GitHub's tables and bare-URL
 * autolinks, so tests assert on the HTML (links, images, tags, code) rather than on the escaping code's intent.
 */
final class RenderedMarkdown {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create(),
            AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private RenderedMarkdown() {
    }

    /** The HTML GitHub-flavoured Markdown gives for {@code markdown} (raw HTML passed through, as GitHub keeps it). */
    static String html(String markdown) {
        return HTML.render(PARSER.parse(markdown));
    }

    /** The text a reader sees: tags removed, entities decoded, zero-width joiners dropped. */
    static String visible(String markdown) {
        return text(markdown).replace("\u200D", "");
    }

    /** The rendered text: tags removed, entities decoded, zero-width joiners kept. */
    static String text(String markdown) {
        return decode(html(markdown).replaceAll("<[^>]*>", ""));
    }

    /**
     * The rendered text as GitHub's mention and issue-reference filters see it: they run on the text of the HTML
     * outside {@code <code>} and links; zero-width joiners kept.
     */
    static String textOutsideCode(String markdown) {
        return decode(html(markdown).replaceAll("(?s)<code>.*?</code>", " ").replaceAll("<[^>]*>", ""));
    }

    private static String decode(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** The fenced code blocks of {@code markdown}, as {@code info + "\n" + literal}. */
    static List<String> fencedBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Node document = PARSER.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                blocks.add(block.getInfo() + "\n" + block.getLiteral());
            }
        });
        return blocks;
    }
}
