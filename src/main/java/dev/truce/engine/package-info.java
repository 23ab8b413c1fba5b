/**
 * The engine's centre: turns a computed merge into a resolved one (strategies, checks, the model, validation and
 * repair), file by file; the command line, {@code eval} and the GitHub App all drive it.
 */
package dev.truce.engine;
