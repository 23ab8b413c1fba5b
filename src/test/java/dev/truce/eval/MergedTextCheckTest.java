package dev.truce.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;

class MergedTextCheckTest {

    private static ConflictedFile file() {
        return new ConflictModelBuilder().build(new FileVersions("A.java", b("head\nx\nmiddle\ny\ntail\n"),
                b("head\nX1\nmiddle\ny\ntail\n"), b("head\nX2\nmiddle\nY\ntail\n")));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anyTextInTheHunksPlaceKeepsTheMergedText() {
        assertThat(MergedTextCheck.keptBy(file(), "head\nsomething\nnew here\nmiddle\nY\ntail\n")).isTrue();
        assertThat(MergedTextCheck.keptBy(file(), "head  \n\nX1\nmiddle\nY\ntail")).isTrue();
    }

    @Test
    void aChangeOutsideTheHunksIsOutOfReach() {
        assertThat(MergedTextCheck.keptBy(file(), "head\nX1\nmiddle changed\nY\ntail\n")).isFalse();
        assertThat(MergedTextCheck.keptBy(file(), "head\nX1\nmiddle\nY\ntail\nextra\n")).isFalse();
        assertThat(MergedTextCheck.keptBy(file(), null)).isFalse();
    }
}
