/** A repository's own settings for Truce, {@code .github/truce.yml} on the base branch: typed, strictly parsed. */
package dev.truce.repoconfig;
