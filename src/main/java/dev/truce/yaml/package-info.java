/**
 * One way to read Truce's YAML files (the models file, {@code .github/truce.yml}): strictly bound into records,
 * unknown and repeated keys rejected, every error naming the key and what to write, old key spellings accepted with
 * a note naming the new one.
 */
package dev.truce.yaml;
