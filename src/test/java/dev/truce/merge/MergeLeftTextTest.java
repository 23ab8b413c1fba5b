package dev.truce.merge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MergeLeftTextTest {

    @Test
    void recoversBothSidesFromDiff3Markers() {
        MergeLeftText text = MergeLeftText.parse(
                "a\n<<<<<<< HEAD\nO\n||||||| base\nB\n=======\nT\n>>>>>>> feature\nz\n").orElseThrow();

        assertThat(text.ours()).isEqualTo("a\nO\nz\n");
        assertThat(text.theirs()).isEqualTo("a\nT\nz\n");
        assertThat(text.blocks()).isEqualTo(1);
    }

    @Test
    void unfinishedMarkersAreNotAMergeResultAndNoMarkersMeansNoBlocks() {
        assertThat(MergeLeftText.parse("a\n<<<<<<< HEAD\nO\n=======\nT\n")).isEmpty();
        assertThat(MergeLeftText.parse("a\nb\n").orElseThrow().blocks()).isZero();
    }
}
