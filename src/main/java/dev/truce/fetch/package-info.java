/** Git history for a pull request: a size-bounded on-disk cache of bare repositories and shallow, deepening fetches over HTTPS. */
package dev.truce.fetch;
