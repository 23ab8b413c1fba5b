/**
 * The model stage: asks a language model about the hunks no strategy took, through {@link dev.truce.llm.ModelClient}
 * (providers are adapters at the edge), and accepts only strictly parsed answers for exactly those hunks.
 */
package dev.truce.llm;
