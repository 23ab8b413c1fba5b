package dev.truce.strategy;

import static dev.truce.strategy.HunkFixture.firstHunk;
import static dev.truce.strategy.HunkFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportUnionStrategyTest {

    private final ImportUnionStrategy strategy = new ImportUnionStrategy();

    private static String java(String imports, String body) {
        return "package a;\n\nimport java.io.File;\n" + imports + "import java.util.Map;\n\nclass A {\n" + body + "}\n";
    }

    @Test
    void sortedJavaImportsFromBothSidesTakeTheirSortedPlaces() {
        String base = java("", "  File f; Map m;\n");
        String ours = java("import java.util.List;\n", "  File f; Map m; List l;\n");
        String theirs = java("import java.time.Instant;\nimport java.util.Locale;\n", "  File f; Map m; Instant i; Locale c;\n");
        Verdict v = firstHunk(strategy, "src/A.java", base, ours, theirs);
        assertThat(text(v)).isEqualTo("import java.time.Instant;\nimport java.util.List;\nimport java.util.Locale;\n");
        assertThat(v.reason()).contains("1 added by ours", "2 added by theirs", "sorted");
    }

    @Test
    void importRemovedByOneSideStaysRemovedAndTheReasonSaysSo() {
        String base = "import os\nimport re\nimport sys\n\nprint(os, sys)\n";
        String ours = "import json\nimport os\nimport sys\n\nprint(os, sys, json)\n";
        String theirs = "import os\nimport re\nimport shutil\nimport sys\n\nprint(os, sys, shutil)\n";
        HunkFixture.file("m.py", base, ours, theirs);
        Verdict v = firstHunk(strategy, "m.py", base, ours, theirs);
        // ours removed "re" (its use went with it); theirs kept it: the merge drops it and says so.
        assertThat(text(v)).doesNotContain("import re");
        assertThat(v.reason()).contains("dropped [import re] because ours removed them");
    }

    @Test
    void passesWhenADroppedImportIsStillUsed() {
        String base = "import a.Keep;\nimport a.Old;\n\nclass A {\n  Old o; Keep k;\n}\n";
        String ours = "import a.Keep;\nimport a.New;\n\nclass A {\n  Old o; Keep k;\n  New n;\n}\n";
        String theirs = "import a.Keep;\nimport a.Old;\nimport a.Third;\n\nclass A {\n  Old o; Keep k;\n  Third t;\n}\n";
        Verdict v = firstHunk(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("still used");
    }

    @Test
    void passesOnMixedCodeAndImports() {
        String base = "import a.B;\n\nclass A { B b; }\n";
        String ours = "import a.B;\nimport a.C;\nclass A { B b; C c; }\n";
        String theirs = "import a.B;\nimport a.D;\n\nclass A { B b; D d; int x; }\n";
        HunkFixture.file("A.java", base, ours, theirs).hunks()
                .forEach(h -> assertThat(strategy.resolve(HunkFixture.file("A.java", base, ours, theirs), h))
                        .isInstanceOf(Verdict.Passed.class));
    }

    @Test
    void passesWhenTwoImportsWouldBindTheSameName() {
        String base = "from a import y\nfrom c import z\n\nprint(y, z)\n";
        String ours = "from a import y\nfrom b import x\nfrom c import z\n\nprint(y, z, x)\n";
        String theirs = "from a import y\nfrom bb import x\nfrom c import z\n\nprint(y, z, x)\n";
        Verdict v = firstHunk(strategy, "m.py", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("both bind x");
    }

    @Test
    void unsortedBlockKeepsOursOrderAndPlacesTheirsAfterItsNeighbour() {
        String base = "import z.Z;\nimport b.B;\nimport y.Y;\n\nclass A { Z z; B b; Y y; }\n";
        String ours = "import z.Z;\nimport b.B;\nimport c.C;\nimport y.Y;\n\nclass A { Z z; B b; C c; Y y; }\n";
        String theirs = "import z.Z;\nimport m.M;\nimport b.B;\nimport y.Y;\n\nclass A { Z z; M m; B b; Y y; }\n";
        HunkFixture.file("A.java", base, ours, theirs);
        // Two separate insertions merge cleanly; force one hunk by having both sides touch the same slot.
        String ours2 = "import z.Z;\nimport c.C;\nimport b.B;\nimport y.Y;\n\nclass A { Z z; B b; C c; Y y; }\n";
        Verdict v = firstHunk(strategy, "A.java", base, ours2, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("same place");
    }

    @Test
    void goImportsInsideABlockAreMerged() {
        String base = "package p\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc f() { fmt.Println(os.Args) }\n";
        String ours = "package p\n\nimport (\n\t\"fmt\"\n\t\"io\"\n\t\"os\"\n)\n\nfunc f() { fmt.Println(os.Args, io.EOF) }\n";
        String theirs = "package p\n\nimport (\n\t\"fmt\"\n\t\"net\"\n\t\"os\"\n)\n\nfunc f() { fmt.Println(os.Args, net.IPv4len) }\n";
        Verdict v = firstHunk(strategy, "p.go", base, ours, theirs);
        assertThat(text(v)).isEqualTo("\t\"io\"\n\t\"net\"\n");
    }

    @Test
    void typescriptImportsAreMerged() {
        String base = "import { a } from './a';\nimport { z } from './z';\n\na(); z();\n";
        String ours = "import { a } from './a';\nimport { b } from './b';\nimport { z } from './z';\n\na(); b(); z();\n";
        String theirs = "import { a } from './a';\nimport { c } from './c';\nimport { z } from './z';\n\na(); c(); z();\n";
        Verdict v = firstHunk(strategy, "x.ts", base, ours, theirs);
        assertThat(text(v)).isEqualTo("import { b } from './b';\nimport { c } from './c';\n");
    }

    @Test
    void notApplicableToFilesWithoutImportSyntax() {
        Verdict v = firstHunk(strategy, "notes.md", "a\n", "b\n", "c\n");
        assertThat(v).isInstanceOf(Verdict.Passed.class);
    }

    @Test
    void passesWhenTheCleanMergeDroppedAnImportTheMergedCodeStillUses() {
        // Ours removed "Restricted" (away from the conflict) with its only use; theirs added a new use of it.
        String base = "import a.Agent;\nimport a.Old;\nimport a.Symbol;\nimport b.Restricted;\n\nclass A {\n"
                + "  Agent a; Old o; Symbol s;\n  @Restricted int x;\n  int y;\n}\n";
        String ours = "import a.Agent;\nimport a.Symbol;\n\nclass A {\n  Agent a; Symbol s;\n  int y;\n}\n";
        String theirs = "import a.Agent;\nimport a.Old;\nimport a.Filter;\nimport a.Symbol;\nimport b.Restricted;\n\n"
                + "class A {\n  Agent a; Old o; Symbol s;\n  @Restricted int x;\n  int y;\n  @Restricted Filter f;\n}\n";
        Verdict v = firstHunk(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("uses Restricted", "outside this conflict");
    }

    @Test
    void qualifiedNamesAndCommentsAreNotUsesOfAnImportTheCleanMergeDropped() {
        String base = "import a.Agent;\nimport a.Old;\nimport a.Util;\nimport b.Gone;\n\nclass A {\n  int p;\n"
                + "  Agent a; Old o; Util u;\n  int q;\n  Gone g;\n  int r;\n}\n";
        String ours = "import a.Agent;\nimport a.Util;\n\nclass A {\n  int p;\n  Agent a; Util u;\n  int q;\n"
                + "  // Gone was here\n  Object g = b.Gone.make();\n  int r;\n}\n";
        String theirs = "import a.Agent;\nimport a.Old;\nimport a.New;\nimport a.Util;\nimport b.Gone;\n\nclass A {\n"
                + "  New n;\n  int p;\n  Agent a; Old o; Util u;\n  int q;\n  Gone g;\n  int r;\n}\n";
        Verdict v = firstHunk(strategy, "A.java", base, ours, theirs);
        assertThat(text(v)).isEqualTo("import a.New;\n");
    }

    @Test
    void passesWhenAnImportStandsTwiceSoARemovalMayBeAMove() {
        // Ours moved "Props" further down; theirs kept it in place and added an import next to it.
        String base = "import a.Cloud;\nimport a.Props;\nimport a.Util;\n\nclass A {\n  Cloud c; Props p; Util u;\n}\n";
        String ours = "import a.Cloud;\nimport a.Util;\nimport z.Other;\nimport a.Props;\n\nclass A {\n"
                + "  Cloud c; Props p; Util u; Other o;\n}\n";
        String theirs = "import a.Cloud;\nimport a.Dispatch;\nimport a.Props;\nimport a.Util;\n\nclass A {\n"
                + "  Cloud c; Props p; Util u; Dispatch d;\n}\n";
        Verdict v = firstHunk(strategy, "A.java", base, ours, theirs);
        assertThat(v).isInstanceOf(Verdict.Passed.class);
        assertThat(v.reason()).contains("'import a.Props;' stands more than once");
    }

    @Test
    void aLocalImportInsideAFunctionIsNotARepeatOfTheModuleImports() {
        String base = "import os\nimport sys\n\n\ndef f():\n    import pdb\n    return os, sys, pdb\n";
        String ours = "import os\nimport pdb\nimport sys\n\n\ndef f():\n    import pdb\n    return os, sys, pdb\n";
        String theirs = "import os\nimport re\nimport sys\n\n\ndef f():\n    import pdb\n    return os, sys, pdb, re\n";
        Verdict v = firstHunk(strategy, "m.py", base, ours, theirs);
        assertThat(text(v)).isEqualTo("import pdb\nimport re\n");
    }
}
