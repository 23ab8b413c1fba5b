package dev.truce.context;

/** How much the model is shown. */
public enum PromptStyle {
    /** Truce's assembled context: the hunk's three versions, its declaration, each side's other changes and why. */
    CONTEXT,
    /** The whole file with diff3 conflict markers and nothing else: the baseline the context is measured against. */
    NAIVE
}
