package dev.truce.fetch;

import java.io.IOException;

/** Another job held a cached repository for longer than the cache lets a job wait; trying again later may pass. */
public final class RepositoryBusyException extends IOException {

    RepositoryBusyException(String message) {
        super(message);
    }
}
