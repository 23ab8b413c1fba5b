package dev.truce.github;

import java.util.List;

/**
 * Where the checks of one commit stand.
 *
 * @param failed  the checks that failed, with what they reported
 * @param pending how many check runs are queued or in progress and statuses pending: their errors are not known yet
 */
public record CommitChecks(List<FailedCheck> failed, int pending) {

    public CommitChecks {
        failed = List.copyOf(failed);
    }
}
