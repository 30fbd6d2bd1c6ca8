package io.leaddedup.job.cli;

/**
 * A wrong command line or a start that cannot go on (a missing topic, no checkpoint directory): the
 * message names the problem and what to do. The launcher prints it and exits 2; on a cluster it
 * fails the submission alone.
 */
public final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
