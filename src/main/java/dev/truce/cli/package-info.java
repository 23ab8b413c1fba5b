/** The {@code truce} command line: {@code resolve} and {@code eval}. */
package dev.truce.cli;
