/**
 * Validation of resolved merges: in-process checks of resolved files, build commands on a temporary checkout in
 * a sandbox, and build output turned into diagnostics mapped to the resolved regions. Plain Java, no Spring.
 */
package dev.truce.validate;
