/** Durable jobs in the database (db-scheduler): what the webhook records and the workers carry out. */
package dev.truce.jobs;
