package dev.truce.webhook;

import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.truce.appmode.ConditionalOnGitHubApp;
import dev.truce.publish.AppIdentity;
import dev.truce.github.RepoRef;
import dev.truce.jobs.JobQueue;
import dev.truce.publish.FixBranch;
import dev.truce.pullrequest.ResolveRequest;
import tools.jackson.databind.JsonNode;

/**
 * Turns one GitHub event into at most one job (or a bookkeeping row; an installation, one calibration per repository
 * it adds); says what it did in a short line. The payload
 * has the shape of its event ({@link PayloadShape}); what an event may lack (an installation) makes it ignored.
 */
@Component
@ConditionalOnGitHubApp
class EventRouter {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);
    private static final Set<String> FAILED = Set.of("failure", "timed_out");
    private static final Set<String> RESOLVE_ACTIONS = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    private static final Pattern SLASH_COMMAND = Pattern.compile("^\\s*/truce\\s+resolve\\b", Pattern.CASE_INSENSITIVE);

    private final JobQueue jobs;
    private final InstallationBook installations;
    private final Pattern mention;
    private final String slug;

    EventRouter(JobQueue jobs, InstallationBook installations, AppIdentity app) {
        this.jobs = jobs;
        this.installations = installations;
        this.slug = app.slug();
        this.mention = Pattern.compile("(^|\\s)@" + Pattern.quote(app.slug()) + "\\s+resolve\\b",
                Pattern.CASE_INSENSITIVE);
    }

    /** What became of an event, in a line for the response and the log. */
    record Outcome(String message) {
        /** How the message of an event Truce does nothing with begins. */
        static final String IGNORED = "ignored: ";

        static Outcome ignored(String why) {
            return new Outcome(IGNORED + why);
        }
    }

    Outcome route(String event, JsonNode payload) {
        return switch (event) {
            case "pull_request" -> pullRequest(payload);
            case "push" -> push(payload);
            case "issue_comment" -> issueComment(payload);
            case "check_suite", "check_run" -> checkCompleted(event, payload);
            case "status" -> status(payload);
            case "installation", "installation_repositories" -> installation(event, payload);
            case "ping" -> new Outcome("pong");
            default -> Outcome.ignored("event " + event + " is not one Truce acts on");
        };
    }

    private Outcome pullRequest(JsonNode payload) {
        String action = payload.path("action").asString("");
        RepoRef repo = repo(payload);
        JsonNode pr = payload.path("pull_request");
        int number = pr.path("number").asInt();
        if (repo == null) {
            return Outcome.ignored("no installation or repository");
        }
        if (action.equals("closed")) {
            jobs.closeFix(repo, number);
            return new Outcome("queued: close fix for " + repo.fullName() + "#" + number);
        }
        boolean baseChanged = action.equals("edited") && payload.path("changes").has("base");
        if (!RESOLVE_ACTIONS.contains(action) && !baseChanged) {
            return Outcome.ignored("pull_request action " + action);
        }
        if (pr.path("draft").asBoolean(false) && !action.equals("ready_for_review")) {
            return Outcome.ignored("draft pull request (waiting for ready_for_review)");
        }
        ResolveRequest request = new ResolveRequest(repo, number, text(pr.path("head").path("sha")),
                text(pr.path("base").path("sha")), ResolveRequest.Trigger.PULL_REQUEST_EVENT, null, 0);
        jobs.resolve(request);
        return new Outcome("queued: resolve " + request.identity());
    }

    private Outcome push(JsonNode payload) {
        String ref = payload.path("ref").asString("");
        RepoRef repo = repo(payload);
        if (repo == null) {
            return Outcome.ignored("no installation or repository");
        }
        if (!ref.startsWith("refs/heads/")) {
            return Outcome.ignored("push to " + ref + " is not to a branch");
        }
        if (payload.path("deleted").asBoolean(false)) {
            return Outcome.ignored("branch deleted");
        }
        String branch = ref.substring("refs/heads/".length());
        jobs.recheckBranch(repo, branch);
        return new Outcome("queued: re-check pull requests into " + repo.fullName() + ":" + branch);
    }

    private Outcome issueComment(JsonNode payload) {
        if (!payload.path("action").asString("").equals("created")) {
            return Outcome.ignored("issue_comment action " + payload.path("action").asString(""));
        }
        JsonNode issue = payload.path("issue");
        if (!issue.has("pull_request")) {
            return Outcome.ignored("comment on an issue, not a pull request");
        }
        JsonNode comment = payload.path("comment");
        JsonNode user = comment.path("user");
        String login = user.path("login").asString("");
        if (user.path("type").asString("").equals("Bot") || login.endsWith("[bot]")) {
            // Includes Truce's own comments: never answer a bot, or two bots could talk forever.
            return Outcome.ignored("comment by a bot");
        }
        String body = comment.path("body").asString("");
        if (!mention.matcher(body).find() && !SLASH_COMMAND.matcher(body).find()) {
            return Outcome.ignored("comment does not ask Truce to resolve");
        }
        RepoRef repo = repo(payload);
        int number = issue.path("number").asInt();
        long commentId = comment.path("id").asLong();
        if (repo == null || login.isEmpty()) {
            return Outcome.ignored("no installation, repository or comment author");
        }
        jobs.commentRequest(repo, number, commentId, login);
        return new Outcome("queued: comment request on " + repo.fullName() + "#" + number + " by " + login);
    }

    /** A check suite or run completed: on a fix branch, a failure is a job to repair the fix. */
    private Outcome checkCompleted(String event, JsonNode payload) {
        JsonNode check = payload.path(event);
        if (!payload.path("action").asString("").equals("completed")) {
            return Outcome.ignored(event + " action " + payload.path("action").asString(""));
        }
        if (check.path("app").path("slug").asString("").equals(slug)) {
            return Outcome.ignored(event + " of Truce itself");
        }
        String conclusion = check.path("conclusion").asString("");
        if (!FAILED.contains(conclusion)) {
            return Outcome.ignored(event + " concluded " + conclusion);
        }
        String branch = event.equals("check_suite") ? check.path("head_branch").asString("")
                : check.path("check_suite").path("head_branch").asString("");
        return repairIfFix(payload, branch, check.path("head_sha").asString(""), event);
    }

    /** A commit status: a failure on a fix branch's tip is a job to repair the fix. */
    private Outcome status(JsonNode payload) {
        String state = payload.path("state").asString("");
        if (!state.equals("failure") && !state.equals("error")) {
            return Outcome.ignored("status " + state);
        }
        String sha = payload.path("sha").asString("");
        for (JsonNode branch : payload.path("branches")) {
            if (branch.path("commit").path("sha").asString("").equals(sha)
                    && FixBranch.number(branch.path("name").asString("")) != null) {
                return repairIfFix(payload, branch.path("name").asString(""), sha, "status");
            }
        }
        return Outcome.ignored("status of a commit that is not a fix branch's tip");
    }

    private Outcome repairIfFix(JsonNode payload, String branch, String sha, String event) {
        if (FixBranch.number(branch) == null) {
            return Outcome.ignored(event + " on " + (branch.isEmpty() ? "no branch" : "a branch that is not Truce's"));
        }
        RepoRef repo = repo(payload);
        if (repo == null) {
            return Outcome.ignored("no installation or repository");
        }
        jobs.repairFix(repo, branch, sha);
        return new Outcome("queued: repair " + repo.fullName() + ":" + branch + "@" + sha);
    }

    private Outcome installation(String event, JsonNode payload) {
        String action = payload.path("action").asString("");
        JsonNode installation = payload.path("installation");
        long id = installation.path("id").asLong(0);
        String account = installation.path("account").path("login").asString("");
        if (id == 0) {
            return Outcome.ignored("no installation id");
        }
        if (event.equals("installation") && action.equals("deleted")) {
            installations.removed(id);
        } else if (!account.isEmpty()) {
            installations.installed(id, account);
        }
        log.info("Installation {} ({}): {} {}, repositories added {}, removed {}", id, account, event, action,
                payload.path("repositories_added").size() + payload.path("repositories").size(),
                payload.path("repositories_removed").size());
        // Repositories the App was just given learn their conventions from their history (a job each).
        JsonNode added = event.equals("installation") && action.equals("created") ? payload.path("repositories")
                : event.equals("installation_repositories") && action.equals("added")
                        ? payload.path("repositories_added") : null;
        int calibrations = 0;
        if (added != null) {
            for (JsonNode repository : added) {
                String fullName = repository.path("full_name").asString("");
                int slash = fullName.indexOf('/');
                if (slash > 0 && slash < fullName.length() - 1 && calibrations < MAX_CALIBRATIONS_PER_EVENT) {
                    jobs.calibrate(new RepoRef(id, fullName.substring(0, slash), fullName.substring(slash + 1)));
                    calibrations++;
                }
            }
        }
        return new Outcome("recorded: " + event + " " + action + (calibrations > 0 ? "; queued: calibrate "
                + calibrations + " repositor" + (calibrations == 1 ? "y" : "ies") : ""));
    }

    /**
     * An installation on more repositories queues this many calibrations at once at most; the others are calibrated
     * from their first pull request on.
     */
    static final int MAX_CALIBRATIONS_PER_EVENT = 100;

    /** The repository through its installation; null when the payload lacks either. */
    private static RepoRef repo(JsonNode payload) {
        long installationId = payload.path("installation").path("id").asLong(0);
        JsonNode repository = payload.path("repository");
        String name = repository.path("name").asString("");
        String owner = repository.path("owner").path("login").asString("");
        if (owner.isEmpty()) {
            String fullName = repository.path("full_name").asString("");
            owner = fullName.contains("/") ? fullName.substring(0, fullName.indexOf('/')) : "";
        }
        if (installationId == 0 || name.isEmpty() || owner.isEmpty()) {
            return null;
        }
        return new RepoRef(installationId, owner, name);
    }

    private static String text(JsonNode node) {
        String value = node.asString("");
        return value.isEmpty() ? null : value;
    }
}
