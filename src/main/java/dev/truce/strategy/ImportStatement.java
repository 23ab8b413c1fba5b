package dev.truce.strategy;

import java.util.List;

/**
 * One import line as {@link ImportSyntax} understood it.
 *
 * @param line       the line as written, with its terminator
 * @param identity   what makes two import lines the same import: the text with whitespace collapsed
 * @param target     what the line imports (module, package or header), used to order lines
 * @param fromForm   whether the line is Python's {@code from x import y} form, which some sorters order
 *                   after plain {@code import x} lines
 * @param boundNames names the line brings into scope; two lines binding the same name would clash
 */
record ImportStatement(String line, String identity, String target, boolean fromForm, List<String> boundNames) {

    ImportStatement {
        boundNames = List.copyOf(boundNames);
    }
}
