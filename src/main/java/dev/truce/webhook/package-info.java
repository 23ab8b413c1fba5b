/** The webhook endpoint: signature check, delivery log, and turning GitHub events into jobs. */
package dev.truce.webhook;
