package dev.truce.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.truce.github.GitHubException;
import dev.truce.github.RepoRef;
import dev.truce.pullrequest.PullRequestWork;
import dev.truce.pullrequest.ResolveRequest;

/**
 * A {@link PullRequestWork} that records what the jobs asked of it, and does what the test scripted: fail, block, or
 * enqueue pull requests on a re-check.
 */
public final class RecordingPullRequestWork implements PullRequestWork {

    /** What {@link #resolve} does with a request (default: nothing, successfully). */
    @FunctionalInterface
    public interface ResolveBehaviour {
        void resolve(ResolveRequest request) throws GitHubException, IOException;
    }

    public final List<ResolveRequest> resolved = new CopyOnWriteArrayList<>();
    public final List<String> closedFixes = new CopyOnWriteArrayList<>();
    public final List<String> rechecks = new CopyOnWriteArrayList<>();
    public final List<String> commentRequests = new CopyOnWriteArrayList<>();
    /** {@code owner/name:branch@sha} of each repair of a fix asked for. */
    public final List<String> repairs = new CopyOnWriteArrayList<>();
    /** {@code owner/name} of each calibration asked for. */
    public final List<String> calibrations = new CopyOnWriteArrayList<>();

    /** What {@link #calibrate} does with a repository (default: nothing, successfully). */
    @FunctionalInterface
    public interface CalibrateBehaviour {
        void calibrate(RepoRef repo) throws GitHubException, IOException;
    }

    private volatile CalibrateBehaviour onCalibrate = repo -> { };

    public void onCalibrate(CalibrateBehaviour behaviour) {
        this.onCalibrate = behaviour;
    }

    private volatile ResolveBehaviour onResolve = request -> { };
    private volatile boolean acceptComments = true;
    private volatile List<Integer> openPullRequests = List.of();

    public void onResolve(ResolveBehaviour behaviour) {
        this.onResolve = behaviour;
    }

    public void acceptComments(boolean accept) {
        this.acceptComments = accept;
    }

    /** The pull requests a re-check finds open into the branch. */
    public void openPullRequests(Integer... numbers) {
        this.openPullRequests = List.of(numbers);
    }

    public void reset() {
        resolved.clear();
        closedFixes.clear();
        rechecks.clear();
        commentRequests.clear();
        repairs.clear();
        calibrations.clear();
        onCalibrate = repo -> { };
        onResolve = request -> { };
        acceptComments = true;
        openPullRequests = List.of();
    }

    @Override
    public void resolve(ResolveRequest request) throws GitHubException, IOException {
        resolved.add(request);
        onResolve.resolve(request);
    }

    @Override
    public void recheckPullRequestsInto(RepoRef repo, String baseBranch, int max, Consumer<ResolveRequest> enqueue) {
        rechecks.add(repo.fullName() + ":" + baseBranch + " max " + max);
        for (int number : openPullRequests) {
            enqueue.accept(new ResolveRequest(repo, number, null, null, ResolveRequest.Trigger.BASE_MOVED, null, 0));
        }
    }

    @Override
    public void calibrate(RepoRef repo) throws GitHubException, IOException {
        calibrations.add(repo.fullName());
        onCalibrate.calibrate(repo);
    }

    @Override
    public void repairFix(RepoRef repo, String branch, String sha) {
        repairs.add(repo.fullName() + ":" + branch + "@" + sha);
    }

    @Override
    public void closeFixFor(RepoRef repo, int number) {
        closedFixes.add(repo.fullName() + "#" + number);
    }

    @Override
    public boolean acceptCommentRequest(RepoRef repo, int number, long commentId, String login) {
        commentRequests.add(repo.fullName() + "#" + number + " comment " + commentId + " by " + login);
        return acceptComments;
    }

    /** Waits (polling) until {@code condition} holds; fails the test after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }

    /** Blocks a job until the test releases {@code latch} (at most 10 s, so a failing test cannot hang). */
    public static void hold(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A snapshot of the calls, for assertion messages. */
    public List<Object> calls() {
        List<Object> all = new ArrayList<>(resolved);
        all.addAll(closedFixes);
        all.addAll(rechecks);
        all.addAll(commentRequests);
        return all;
    }
}
