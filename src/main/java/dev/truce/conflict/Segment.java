package dev.truce.conflict;

import java.util.List;

/** A run of a conflicted file: text both sides agree on, or a hunk they do not. */
public sealed interface Segment permits StableText, ConflictHunk {
}
