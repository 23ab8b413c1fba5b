/** Replays real merges (a corpus or a repository's history) and scores Truce against the human result. */
package dev.truce.eval;
