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
 * Real bare repositories served over smart HTTP by JGit's {@link GitServlet} in an embedded Tomcat on a random
 * loopback port: fetch (upload-pack, including shallow fetches and deepening) and push (receive-pack) both work.
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

    private GitHttpServer(Tomcat tomcat) {
        this.tomcat = tomcat;
    }

    /**
     * Starts a server; Tomcat's scratch files go under {@code workDir}.
     *
     * @throws IOException when the server cannot start
     */
    public static GitHttpServer start(Path workDir) throws IOException {
        Path base = Files.createDirectories(workDir.resolve("tomcat"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        GitHttpServer server = new GitHttpServer(tomcat);

        GitServlet git = new GitServlet();
        git.setRepositoryResolver(server.resolver());
        git.setUploadPackFactory((request, repository) -> new UploadPack(repository));
        // Any authenticated-or-not caller may push here; the token filter below is the gate.
        git.setReceivePackFactory((request, repository) -> new ReceivePack(repository));

        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "git", git);
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
}
