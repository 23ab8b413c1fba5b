/** Git side of the engine: in-core merges with JGit, conflict discovery, and writing merge commits. */
package dev.truce.merge;
