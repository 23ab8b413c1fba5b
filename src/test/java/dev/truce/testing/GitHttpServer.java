package dev.truce.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.errors.RepositoryNotFoundException;

/**
 * Real bare repositories served over smart HTTP in an embedded Tomcat on a random loopback port: fetch (upload-pack,
 * including shallow fetches and deepening) and push (receive-pack) both work. {@link #start} serves them with JGit's
 * {@link GitServlet} (in process, no git needed); {@link #startWithGit} with git's own {@code git http-backend}, the
 * server GitHub's protocol is git's. JGit's server fails a shallow fetch into a repository that is already shallow
 * and needs commits unshallowed (its stateless answer carries {@code unshallow} lines JGit's client does not expect
 * there: "Expected ACK/NAK, got: unshallow ..."), which git's server does not; a second pull request of the same
 * repository needs such a fetch, so what fetches twice into one cache is served by git.
 *
 * <p>Repositories are served at {@code http://127.0.0.1:<port>/<owner>/<name>.git}, the shape of GitHub's clone
 * URLs. With {@link #requireToken(String)} every request must carry HTTP basic auth {@code x-access-token:<token>},
 * as GitHub requires for an App installation token; other requests get 401, so a test that fetches or pushes
 * successfully proves the token was sent.
 *
 * <pre>{@code
 * try (GitHttpServer server = GitHttpServer.start(tempDir)) {
 *     server.requireToken("ghs_secret");
 *     server.serve("octo", "app", scenario.repository());
 *     URI uri = server.uri("octo", "app");        // fetch/push with x-access-token:ghs_secret
 * }
 * }</pre>
 */
public final class GitHttpServer implements AutoCloseable {

    /** Tomcat logs through java.util.logging; its start/stop chatter would drown test output. Held: JUL keeps weak refs. */
    private static final java.util.logging.Logger TOMCAT_LOG = quiet("org.apache");

    private final Tomcat tomcat;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String token;
    /** Where {@code git http-backend} finds the served repositories (links to them); null with JGit's server. */
    private Path backendRoot;

    private GitHttpServer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    /**
     * Starts a server; Tomcat's scratch files go under {@code workDir}.
     *
     * @throws IOException when the server cannot start
     */
    public static GitHttpServer start(Path workDir) throws IOException {
        GitServlet git = new GitServlet();
        GitHttpServer server = start(workDir, git);
        git.setRepositoryResolver(server.resolver());
        git.setUploadPackFactory((request, repository) -> new UploadPack(repository));
        // Any authenticated-or-not caller may push here; the token filter below is the gate.
        git.setReceivePackFactory((request, repository) -> new ReceivePack(repository));
        return server;
    }

    /**
     * Starts a server that runs {@code git http-backend} (from the git on the PATH) for every request, fetch and
     * push; Tomcat's scratch files and the served repositories' links go under {@code workDir}.
     *
     * @throws IOException when the server cannot start
     */
    public static GitHttpServer startWithGit(Path workDir) throws IOException {
        return startWithGit(workDir, "git");
    }

    /** As {@link #startWithGit(Path)}, with {@code git} as the git executable (a test's stand-in). */
    static GitHttpServer startWithGit(Path workDir, String git) throws IOException {
        Path root = Files.createDirectories(workDir.resolve("git-http-backend"));
        Path home = Files.createDirectories(workDir.resolve("git-http-backend-home"));
        GitHttpServer server = start(workDir, new GitBackendServlet(git, root, home,
                workDir.resolve("git-http-backend.log")));
        server.backendRoot = root;
        return server;
    }

    private static GitHttpServer start(Path workDir, jakarta.servlet.Servlet servlet) throws IOException {
        Path base = Files.createDirectories(workDir.resolve("tomcat"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        GitHttpServer server = new GitHttpServer(tomcat);

        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "git", servlet);
        context.addServletMappingDecoded("/*", "git");
        FilterDef auth = new FilterDef();
        auth.setFilterName("token");
        auth.setFilter(server.tokenFilter());
        context.addFilterDef(auth);
        FilterMap map = new FilterMap();
        map.setFilterName("token");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IOException("could not start the git HTTP server", e);
        }
        return server;
    }

    /** Serves {@code repository} as {@code owner/name}; the caller keeps ownership (and closes it). */
    public GitHttpServer serve(String owner, String name, Repository repository) {
        repositories.put(owner + "/" + name + ".git", repository);
        if (backendRoot != null) {
            try {
                Path link = Files.createDirectories(backendRoot.resolve(owner)).resolve(name + ".git");
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, repository.getDirectory().toPath().toAbsolutePath());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return this;
    }

    /** From now on, every request must authenticate as {@code x-access-token:<token>}; {@code null} opens up again. */
    public GitHttpServer requireToken(String token) {
        this.token = token;
        return this;
    }

    /** The clone URL of a served repository. */
    public URI uri(String owner, String name) {
        return URI.create("http://127.0.0.1:" + port() + "/" + owner + "/" + name + ".git");
    }

    /** The port the server listens on. */
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    /** Each request so far as {@code METHOD path?query -> status}, in order (for asserting on traffic). */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IOException("could not stop the git HTTP server", e);
        }
    }

    private RepositoryResolver<HttpServletRequest> resolver() {
        return (request, name) -> {
            Repository repository = repositories.get(name);
            if (repository == null) {
                throw new RepositoryNotFoundException(name);
            }
            repository.incrementOpen(); // the servlet closes what it is given
            return repository;
        };
    }

    private Filter tokenFilter() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                    throws IOException, ServletException {
                HttpServletRequest request = (HttpServletRequest) req;
                HttpServletResponse response = (HttpServletResponse) res;
                String line = request.getMethod() + " " + request.getRequestURI()
                        + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                String required = token;
                if (required != null && !authorized(request.getHeader("Authorization"), required)) {
                    requests.add(line + " -> 401");
                    response.setHeader("WWW-Authenticate", "Basic realm=\"GitHub\"");
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                // Logged before the response goes out, so a client that has its answer always finds it here;
                // the status is filled in afterwards.
                int index;
                synchronized (requests) {
                    index = requests.size();
                    requests.add(line + " -> (in progress)");
                }
                chain.doFilter(req, res);
                synchronized (requests) {
                    requests.set(index, line + " -> " + response.getStatus());
                }
            }
        };
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static boolean authorized(String header, String token) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        return decoded.equals("x-access-token:" + token);
    }

    /**
     * A CGI gateway to {@code git http-backend}: the request's body on its standard input, its CGI headers and body
     * back as the response. Pushes are allowed ({@code REMOTE_USER} is set); the token filter is the gate. Git runs
     * with a private HOME, no system configuration and none of this JVM's {@code GIT_*} variables (as
     * {@link GitCli}), so the machine's git settings cannot change what is served; its standard error is appended to
     * {@code git-http-backend.log}.
     */
    private static final class GitBackendServlet extends jakarta.servlet.http.HttpServlet {

        private final transient String git;
        private final transient Path root;
        private final transient Path home;
        private final transient Path log;

        GitBackendServlet(String git, Path root, Path home, Path log) {
            this.git = git;
            this.root = root;
            this.home = home;
            this.log = log;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(git, "http-backend").redirectError(
                    ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("HTTP_") || k.equals("CONTENT_LENGTH")
                    || k.equals("CONTENT_TYPE") || k.equals("QUERY_STRING") || k.equals("PATH_INFO"));
            env.put("HOME", home.toString());
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("REMOTE_USER", "x-access-token");
            env.put("REMOTE_ADDR", request.getRemoteAddr());
            env.put("REQUEST_METHOD", request.getMethod());
            // CGI's PATH_INFO is decoded, as the servlet's path info is (the request URI is not).
            env.put("PATH_INFO", request.getPathInfo() == null ? "/" : request.getPathInfo());
            env.put("QUERY_STRING", request.getQueryString() == null ? "" : request.getQueryString());
            env.put("CONTENT_TYPE", request.getContentType() == null ? "" : request.getContentType());
            if (request.getContentLengthLong() >= 0) {
                env.put("CONTENT_LENGTH", Long.toString(request.getContentLengthLong()));
            } // else chunked: git reads its standard input to the end, which the input thread closes
            copyHeader(request, env, "Content-Encoding", "HTTP_CONTENT_ENCODING");
            copyHeader(request, env, "Git-Protocol", "GIT_PROTOCOL");
            Process backend = builder.start();
            Thread input = new Thread(() -> {
                try (var stdin = backend.getOutputStream()) {
                    request.getInputStream().transferTo(stdin);
                } catch (IOException ended) {
                    // git stopped reading: its answer says why
                }
            }, "git-http-backend-input");
            input.setDaemon(true);
            input.start();
            boolean answered = false;
            try (var stdout = new java.io.BufferedInputStream(backend.getInputStream())) {
                java.util.List<String[]> headers = new ArrayList<>();
                String line;
                while (!(line = headerLine(stdout)).isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "git http-backend wrote a line"
                                + " that is no CGI header: " + line);
                        return;
                    }
                    headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
                }
                if (headers.isEmpty()) {
                    // It died before answering: a 502 the request log shows, not an empty 200.
                    response.sendError(HttpServletResponse.SC_BAD_GATEWAY, "git http-backend answered nothing; see "
                            + log);
                    return;
                }
                for (String[] header : headers) {
                    if (header[0].equalsIgnoreCase("Status")) {
                        response.setStatus(Integer.parseInt(header[1].split(" ")[0]));
                    } else {
                        response.addHeader(header[0], header[1]);
                    }
                }
                stdout.transferTo(response.getOutputStream());
                answered = true;
            } finally {
                // Its standard output is closed: a git still writing ends on the broken pipe; one that is not is
                // ended here, so no request leaves a process behind.
                try {
                    if (!answered || !backend.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        backend.destroyForcibly();
                    }
                    backend.waitFor();
                    input.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    backend.destroyForcibly();
                }
            }
        }

        private static void copyHeader(HttpServletRequest request, Map<String, String> env, String header,
                String variable) {
            if (request.getHeader(header) != null) {
                env.put(variable, request.getHeader(header));
            }
        }

        /** One CGI header line without its line end; empty at the blank line that ends them (or at the end). */
        private static String headerLine(java.io.InputStream in) throws IOException {
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.UTF_8);
        }
    }
}
