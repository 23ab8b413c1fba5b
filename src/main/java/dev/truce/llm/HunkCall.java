package dev.truce.llm;

/**
 * What asking the model about one hunk cost. A request about several hunks splits its tokens, latency and cost
 * evenly across them (the remainder of a token split goes to the first hunk), so sums over hunks are the
 * request's totals.
 *
 * @param hunkId        the hunk's index in its file
 * @param usage         this hunk's share of the tokens (retry included)
 * @param latencyMillis this hunk's share of the wall time of the calls
 * @param cost          this hunk's share of the estimated cost, 0 when prices are not known
 * @param requests      how many requests were made for it (2 after a retry)
 */
public record HunkCall(int hunkId, Usage usage, long latencyMillis, double cost, int requests) {
}
