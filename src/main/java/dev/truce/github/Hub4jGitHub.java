package dev.truce.github;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.extras.okhttp3.OkHttpGitHubConnector;
import tools.jackson.databind.JsonNode;

/**
 * {@link GitHubGateway} over hub4j's {@code github-api} with its OkHttp connector, as a GitHub App: one hub4j client
 * per repository, authenticated by that repository's cached installation token, rate limits waited out up to a
 * bound. Tokens are scoped to one repository (see {@link InstallationTokens}), so every call about repository X,
 * through hub4j or directly, carries X's token, and no token reaches another repository of the installation.
 *
 * <p>A few calls go straight to the REST API (see {@link GitHubRest}) because hub4j would spend extra requests on
 * them or lose a field: token issuing, permission (hub4j drops {@code role_name}, so {@code maintain} would read as
 * {@code write}), listing pull requests (hub4j fetches each listed one again to learn {@code draft}), reactions and
 * comments by number or id, editing and closing, reading a commit's author and committer.
 */
public final class Hub4jGitHub implements GitHubGateway {

    private static final Set<String> REACTIONS = Set.of("+1", "-1", "laugh", "confused", "heart", "hooray", "rocket",
            "eyes");
    private static final int PAGE_SIZE = 100;

    private final GitHubSettings settings;
    private final OkHttpClient http;
    private final InstallationTokens tokens;
    private final RateLimitWait rateLimits;
    private final GitHubRest rest;
    private final Map<InstallationTokens.Key, GitHub> clients = new ConcurrentHashMap<>();
    private final Map<RepoRef, GHRepository> repositories = new ConcurrentHashMap<>();

    /** A gateway to {@code apiUrl} with default settings. */
    public Hub4jGitHub(URI apiUrl, AppCredentials credentials, OkHttpClient http) {
        this(GitHubSettings.of(apiUrl), credentials, http, Clock.systemUTC());
    }

    /** A gateway with explicit settings and clock (the clock judges token expiry and rate-limit resets). */
    public Hub4jGitHub(GitHubSettings settings, AppCredentials credentials, OkHttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.rateLimits = new RateLimitWait(settings.maxRateLimitWait(), clock);
        this.rest = new GitHubRest(settings.apiBase(), http, rateLimits);
        this.tokens = new InstallationTokens(new AppTokenIssuer(credentials, rest, clock), clock,
                settings.tokenRefreshMargin());
    }

    @Override
    public PullRequestInfo pullRequest(RepoRef repo, int number) throws GitHubException {
        String what = "GitHub GET pull request " + repo.fullName() + "#" + number;
        return withFreshTokenOnce(repo, () -> {
            try {
                return info(repository(repo).getPullRequest(number));
            } catch (IOException e) {
                throw GitHubErrors.map(what, e);
            }
        });
    }

    @Override
    public List<PullRequestInfo> openPullRequestsInto(RepoRef repo, String baseBranch, int max)
            throws GitHubException {
        List<PullRequestInfo> found = new ArrayList<>();
        int perPage = Math.max(1, Math.min(max, PAGE_SIZE));
        for (int page = 1; found.size() < max; page++) {
            JsonNode pulls = get(repo, pulls(repo).addQueryParameter("state", "open")
                    .addQueryParameter("base", baseBranch).addQueryParameter("sort", "updated")
                    .addQueryParameter("direction", "desc").addQueryParameter("per_page", Integer.toString(perPage))
                    .addQueryParameter("page", Integer.toString(page)).build());
            for (JsonNode pull : pulls) {
                if (found.size() < max) {
                    found.add(info(pull));
                }
            }
            if (pulls.size() < perPage) {
                break;
            }
        }
        return List.copyOf(found);
    }

    @Override
    public Optional<PullRequestInfo> openPullRequestFrom(RepoRef repo, String headBranch) throws GitHubException {
        JsonNode pulls = get(repo, pulls(repo).addQueryParameter("state", "open")
                .addQueryParameter("head", repo.owner() + ":" + headBranch).addQueryParameter("per_page", "1")
                .build());
        return pulls.isEmpty() ? Optional.empty() : Optional.of(info(pulls.get(0)));
    }

    @Override
    public Permission permission(RepoRef repo, String login) throws GitHubException {
        HttpUrl url = repoUrl(repo, "collaborators", login, "permission").build();
        Optional<JsonNode> answer = callAllowingNotFound(repo, "GET", url, null);
        // 404: not a collaborator or no such user; either way no permission.
        return answer.map(Hub4jGitHub::permission).orElse(Permission.NONE);
    }

    /** {@code role_name} distinguishes maintain and triage; {@code permission} alone folds them into write/read. */
    static Permission permission(JsonNode answer) {
        for (String field : List.of("role_name", "permission")) {
            switch (answer.path(field).asString("")) {
                case "admin": return Permission.ADMIN;
                case "maintain": return Permission.MAINTAIN;
                case "write": return Permission.WRITE;
                case "triage": return Permission.TRIAGE;
                case "read": return Permission.READ;
                case "none": return Permission.NONE;
                default: // a custom role name: fall back to the base permission
            }
        }
        return Permission.NONE;
    }

    @Override
    public void react(RepoRef repo, long commentId, String reaction) throws GitHubException {
        if (!REACTIONS.contains(reaction)) {
            throw new IllegalArgumentException("Not a GitHub reaction: " + reaction + " (one of " + REACTIONS + ")");
        }
        call(repo, "POST", repoUrl(repo, "issues/comments", Long.toString(commentId), "reactions").build(),
                Map.of("content", reaction));
    }

    @Override
    public long comment(RepoRef repo, int number, String body) throws GitHubException {
        JsonNode created = call(repo, "POST", repoUrl(repo, "issues", Integer.toString(number), "comments").build(),
                Map.of("body", body));
        return created.path("id").asLong();
    }

    @Override
    public List<IssueComment> recentComments(RepoRef repo, int number, int max) throws GitHubException {
        int pages = Math.max(1, (max + PAGE_SIZE - 1) / PAGE_SIZE);
        Optional<GitHubRest.Page> first = page(repo, commentsPage(repo, number, 1));
        if (first.isEmpty()) {
            return List.of();
        }
        int last = first.get().lastPage();
        // Comments are listed oldest first: a long thread is read from its newest pages, where a comment just
        // posted is; at most `pages` requests after the first.
        int from = Math.max(1, last - pages + 1);
        List<JsonNode> read = new ArrayList<>();
        if (from == 1) {
            read.add(first.get().json());
        }
        for (int page = Math.max(2, from); page <= last; page++) {
            page(repo, commentsPage(repo, number, page)).ifPresent(p -> read.add(p.json()));
        }
        List<IssueComment> comments = new ArrayList<>();
        for (JsonNode json : read) {
            for (JsonNode comment : json) {
                comments.add(new IssueComment(comment.path("id").asLong(),
                        comment.path("user").path("login").asString(""), comment.path("body").asString("")));
            }
        }
        return List.copyOf(comments);
    }

    private Optional<GitHubRest.Page> page(RepoRef repo, HttpUrl url) throws GitHubException {
        return withFreshTokenOnce(repo, () -> rest.page(url, authorization(repo)));
    }

    private HttpUrl commentsPage(RepoRef repo, int number, int page) {
        return repoUrl(repo, "issues", Integer.toString(number), "comments")
                .addQueryParameter("per_page", Integer.toString(PAGE_SIZE))
                .addQueryParameter("page", Integer.toString(page)).build();
    }

    @Override
    public PullRequestInfo openPullRequest(RepoRef repo, String head, String base, String title, String body)
            throws GitHubException {
        String what = "GitHub create pull request " + head + " -> " + base + " in " + repo.fullName();
        // A 401 means GitHub refused the request before creating anything, so asking again cannot make two.
        return withFreshTokenOnce(repo, () -> {
            try {
                return info(repository(repo).createPullRequest(title, head, base, body));
            } catch (IOException e) {
                throw GitHubErrors.map(what, e);
            }
        });
    }

    @Override
    public long createCheckRun(RepoRef repo, String headSha, CheckRun run) throws GitHubException {
        if (headSha == null || !headSha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + headSha);
        }
        Map<String, Object> body = checkRunBody(run);
        body.put("name", run.name());
        body.put("head_sha", headSha);
        return call(repo, "POST", repoUrl(repo, "check-runs").build(), body).path("id").asLong();
    }

    @Override
    public void updateCheckRun(RepoRef repo, long id, CheckRun run) throws GitHubException {
        call(repo, "PATCH", repoUrl(repo, "check-runs", Long.toString(id)).build(), checkRunBody(run));
    }

    /** At most this many failed check runs of one commit are read, and this many annotations of each. */
    static final int MAX_FAILED_CHECKS = 20;
    static final int MAX_ANNOTATIONS = 300;

    @Override
    public CommitChecks checks(RepoRef repo, String sha, String ignoredName) throws GitHubException {
        if (sha == null || !sha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + sha);
        }
        List<FailedCheck> failed = new ArrayList<>();
        int pending = 0;
        JsonNode runs = get(repo, repoUrl(repo, "commits", sha, "check-runs").addQueryParameter("filter", "latest")
                .addQueryParameter("per_page", Integer.toString(PAGE_SIZE)).build());
        for (JsonNode run : runs.path("check_runs")) {
            String conclusion = run.path("conclusion").asString("");
            String name = run.path("name").asString("");
            if (!name.equals(ignoredName) && !run.path("status").asString("completed").equals("completed")) {
                pending++;
                continue;
            }
            if (name.equals(ignoredName) || !(conclusion.equals("failure") || conclusion.equals("timed_out"))
                    || failed.size() >= MAX_FAILED_CHECKS) {
                continue;
            }
            List<FailedCheck.Annotation> annotations = new ArrayList<>();
            if (run.path("output").path("annotations_count").asInt(0) > 0) {
                for (int page = 1; annotations.size() < MAX_ANNOTATIONS && page <= MAX_ANNOTATIONS / PAGE_SIZE; page++) {
                    JsonNode listed = get(repo, repoUrl(repo, "check-runs", run.path("id").asString(""),
                            "annotations").addQueryParameter("per_page", Integer.toString(PAGE_SIZE))
                            .addQueryParameter("page", Integer.toString(page)).build());
                    for (JsonNode a : listed) {
                        annotations.add(new FailedCheck.Annotation(a.path("path").asString(""),
                                a.path("start_line").asInt(0), a.path("end_line").asInt(0),
                                a.path("annotation_level").asString(""), a.path("message").asString("")));
                    }
                    if (listed.size() < PAGE_SIZE) {
                        break;
                    }
                }
            }
            JsonNode output = run.path("output");
            String summary = (output.path("title").asString("") + "\n" + output.path("summary").asString("")).strip();
            failed.add(new FailedCheck(name, conclusion, summary, output.path("text").asString(""), annotations));
        }
        JsonNode combined = get(repo, repoUrl(repo, "commits", sha, "status").addQueryParameter("per_page",
                Integer.toString(PAGE_SIZE)).build());
        for (JsonNode status : combined.path("statuses")) {
            String state = status.path("state").asString("");
            if (state.equals("pending")) {
                pending++;
            }
            if ((state.equals("failure") || state.equals("error")) && failed.size() < MAX_FAILED_CHECKS) {
                failed.add(new FailedCheck(status.path("context").asString(""), state,
                        status.path("description").asString(""), "", List.of()));
            }
        }
        return new CommitChecks(failed, pending);
    }

    private static Map<String, Object> checkRunBody(CheckRun run) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", run.status().api());
        if (run.conclusion() != null) {
            body.put("conclusion", run.conclusion().api());
        }
        if (run.detailsUrl() != null) {
            body.put("details_url", run.detailsUrl());
        }
        if (run.title() != null) {
            body.put("output", Map.of("title", run.title(), "summary", run.summary() == null ? "" : run.summary()));
        }
        return body;
    }

    @Override
    public void updatePullRequest(RepoRef repo, int number, String title, String body) throws GitHubException {
        call(repo, "PATCH", pullUrl(repo, number), Map.of("title", title, "body", body));
    }

    @Override
    public void closePullRequest(RepoRef repo, int number) throws GitHubException {
        call(repo, "PATCH", pullUrl(repo, number), Map.of("state", "closed"));
    }

    @Override
    public Optional<GitCommitInfo> commit(RepoRef repo, String sha) throws GitHubException {
        if (sha == null || !sha.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("not a full commit id: " + sha);
        }
        return callAllowingNotFound(repo, "GET", repoUrl(repo, "git/commits", sha).build(), null)
                .map(commit -> new GitCommitInfo(commit.path("sha").asString(""),
                        commit.path("author").path("name").asString(""),
                        commit.path("author").path("email").asString(""),
                        commit.path("committer").path("name").asString(""),
                        commit.path("committer").path("email").asString("")));
    }

    @Override
    public Optional<String> fileContent(RepoRef repo, String ref, String path) throws GitHubException {
        String what = "GitHub GET contents " + path + "@" + ref + " in " + repo.fullName();
        return withFreshTokenOnce(repo, () -> {
            try {
                GHContent content = repository(repo).getFileContent(path, ref);
                try (InputStream in = content.read()) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (GHFileNotFoundException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw GitHubErrors.map(what, e);
            } catch (UnsupportedOperationException e) {
                // Files over 1 MB come without inline content ("encoding": "none"), which hub4j cannot decode.
                throw new GitHubException(what + ": the file is too large for GitHub's contents API", false, e);
            }
        });
    }

    @Override
    public URI cloneUri(RepoRef repo) {
        return settings.cloneUri(repo.owner(), repo.name());
    }

    @Override
    public char[] gitToken(RepoRef repo) throws GitHubException {
        return tokens.get(repo).value().toCharArray();
    }

    @Override
    public void gitTokenRejected(RepoRef repo) {
        tokens.invalidate(repo);
    }

    @Override
    public String toString() {
        return "Hub4jGitHub[" + settings.apiBase() + "]";
    }

    private GHRepository repository(RepoRef repo) throws IOException {
        GHRepository cached = repositories.get(repo);
        if (cached == null) {
            // Only owner and name are used from it, so one lookup per repository serves every later call.
            cached = client(repo).getRepository(repo.fullName());
            repositories.put(repo, cached);
        }
        return cached;
    }

    /** The repository's hub4j client; its authorization provider hands out that repository's token only. */
    private GitHub client(RepoRef repo) throws IOException {
        InstallationTokens.Key key = InstallationTokens.Key.of(repo);
        GitHub client = clients.get(key);
        if (client == null) {
            client = new GitHubBuilder()
                    .withEndpoint(settings.apiBase())
                    .withConnector(new OkHttpGitHubConnector(http))
                    .withAuthorizationProvider(() -> "token " + token(repo))
                    .withRateLimitHandler(rateLimits.primary())
                    .withAbuseLimitHandler(rateLimits.secondary())
                    .build();
            GitHub raced = clients.putIfAbsent(key, client);
            client = raced != null ? raced : client;
        }
        return client;
    }

    private String token(RepoRef repo) throws IOException {
        try {
            return tokens.get(repo).value();
        } catch (GitHubException e) {
            throw new GitHubErrors.TokenUnavailableException(e);
        }
    }

    private String authorization(RepoRef repo) throws GitHubException {
        return "token " + tokens.get(repo).value();
    }

    private JsonNode get(RepoRef repo, HttpUrl url) throws GitHubException {
        return call(repo, "GET", url, null);
    }

    private JsonNode call(RepoRef repo, String method, HttpUrl url, Map<String, ?> body) throws GitHubException {
        return callAllowingNotFound(repo, method, url, body).orElseThrow(() -> new GitHubHttpException(
                "GitHub " + method + " " + url.encodedPath() + " failed: HTTP 404 Not Found", 404, null));
    }

    private Optional<JsonNode> callAllowingNotFound(RepoRef repo, String method, HttpUrl url, Map<String, ?> body)
            throws GitHubException {
        return withFreshTokenOnce(repo, () -> rest.sendAllowingNotFound(method, url, authorization(repo), body));
    }

    /**
     * Runs a call; a 401 means the repository's token was revoked or rotated before it expired (the App was
     * suspended and restored, its permissions changed), so the token is forgotten and the call made once more with a
     * new one. A second 401 is final: the installation really cannot act on the repository.
     */
    private <T> T withFreshTokenOnce(RepoRef repo, Call<T> call) throws GitHubException {
        try {
            return call.run();
        } catch (GitHubException e) {
            if (!GitHubHttpException.hasStatus(e, 401)) {
                throw e;
            }
            tokens.invalidate(repo);
        }
        try {
            return call.run();
        } catch (GitHubException e) {
            if (GitHubHttpException.hasStatus(e, 401)) {
                tokens.invalidate(repo);
            }
            throw e;
        }
    }

    /** One GitHub call, repeatable. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws GitHubException;
    }

    private HttpUrl.Builder repoUrl(RepoRef repo, String... rest) {
        String[] segments = new String[rest.length + 3];
        segments[0] = "repos";
        segments[1] = repo.owner();
        segments[2] = repo.name();
        System.arraycopy(rest, 0, segments, 3, rest.length);
        return this.rest.url(segments);
    }

    private HttpUrl.Builder pulls(RepoRef repo) {
        return repoUrl(repo, "pulls");
    }

    private HttpUrl pullUrl(RepoRef repo, int number) {
        return repoUrl(repo, "pulls", Integer.toString(number)).build();
    }

    private static PullRequestInfo info(GHPullRequest pr) throws IOException {
        GHRepository headRepo = pr.getHead().getRepository();
        return new PullRequestInfo(pr.getNumber(), pr.getTitle(), pr.getBody() == null ? "" : pr.getBody(),
                pr.getState() == GHIssueState.OPEN, pr.isDraft(), pr.getHead().getRef(), pr.getHead().getSha(),
                headRepo == null ? "" : headRepo.getFullName(), pr.getBase().getRef(), pr.getBase().getSha(),
                pr.getUser().getLogin(), pr.getHtmlUrl().toString());
    }

    private static PullRequestInfo info(JsonNode pr) {
        return new PullRequestInfo(pr.path("number").asInt(), pr.path("title").asString(""),
                pr.path("body").asString(""), "open".equals(pr.path("state").asString("")),
                pr.path("draft").asBoolean(false), pr.path("head").path("ref").asString(""),
                pr.path("head").path("sha").asString(""),
                // A deleted fork has "repo": null.
                pr.path("head").path("repo").path("full_name").asString(""),
                pr.path("base").path("ref").asString(""), pr.path("base").path("sha").asString(""),
                pr.path("user").path("login").asString(""), pr.path("html_url").asString(""));
    }
}
