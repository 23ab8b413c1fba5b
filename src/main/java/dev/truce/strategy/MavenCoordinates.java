package dev.truce.strategy;

/**
 * The version a POM declares for its project and for its {@code <parent>}, as written (properties unexpanded);
 * {@code null} where the POM declares none.
 *
 * <p>Decides when the parent's version is the project's own: when the project declares no version (it inherits
 * the parent's, so the two are one value) or declares the same one as its parent (a module released with its
 * parent, as in one multi-module build). An external parent (spring-boot-starter-parent, a plugin parent POM)
 * has a version of its own, so its version stays a dependency's.
 */
record MavenCoordinates(String version, String parentVersion) {

    /** Reads one side's whole POM text, in linear time (see {@link XmlTags}). */
    static MavenCoordinates read(String pom) {
        String text = XmlTags.withoutComments(pom);
        XmlTags.ElementPath path = new XmlTags.ElementPath();
        // Where each value starts and ends; the last <version> read under project (or project/parent) wins, and one
        // without a closing tag after it reads as none.
        int[] version = null;
        int[] parentVersion = null;
        int nextClose = -2; // the first "</version>" at or after the last tag asked about; -2: not looked for yet
        for (XmlTags.Tag tag : XmlTags.tags(text)) {
            boolean project = !tag.closing() && !tag.empty() && tag.name().equals("version") && path.is("project");
            boolean parent = !tag.closing() && !tag.empty() && tag.name().equals("version")
                    && path.is("project", "parent");
            if (project || parent) {
                // The tags come in order, so the search for the closing tag only ever moves forward.
                if (nextClose == -2 || nextClose >= 0 && nextClose < tag.end()) {
                    nextClose = text.indexOf("</version>", tag.end());
                }
                int[] value = nextClose < 0 ? new int[0] : new int[] {tag.end(), nextClose};
                if (project) {
                    version = value;
                } else {
                    parentVersion = value;
                }
            }
            path.apply(tag);
        }
        return new MavenCoordinates(value(text, version), value(text, parentVersion));
    }

    private static String value(String text, int[] range) {
        return range == null || range.length == 0 ? null : text.substring(range[0], range[1]).strip();
    }

    /** Whether the parent's version is this project's own version (see the type's description). */
    boolean parentVersionIsOwn() {
        return parentVersion != null && (version == null || version.equals(parentVersion));
    }
}
