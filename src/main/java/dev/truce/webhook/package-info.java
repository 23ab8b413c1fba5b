/**
 * The webhook endpoint: bounded reading of the body, signature check, payload checks, delivery log, and turning GitHub
 * events into jobs.
 */
package dev.truce.webhook;
