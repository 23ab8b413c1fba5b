/** Deterministic resolution strategies: each precise, each free to pass a hunk on with a reason. */
package dev.truce.strategy;
