/** Context assembly: what the model is shown about a conflicted hunk, within a token budget. */
package dev.truce.context;
