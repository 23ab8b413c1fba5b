/**
 * What an operator watches: the meters of the engine's results (files and hunks by outcome and by strategy or model,
 * validation runs), recorded through {@link dev.truce.observe.ResolutionMetrics}, and the job's identity on every log
 * line ({@link dev.truce.observe.LogContext}).
 */
package dev.truce.observe;
