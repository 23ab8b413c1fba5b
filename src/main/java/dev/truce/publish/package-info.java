/** Publishing a resolution: the two-parent merge commit on a {@code truce/} branch, the fix pull request, and comments. */
package dev.truce.publish;
