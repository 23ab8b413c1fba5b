package dev.truce.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerTest {

    @TempDir
    Path dir;

    @Test
    void servesFetchAndPushOnlyWithTheToken() throws Exception {
        try (ScenarioRepo origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
                GitHttpServer server = GitHttpServer.start(dir)) {
            RevCommit first = origin.commit("main", Tree.of().file("a.txt", "a\n"), "first");
            server.serve("octo", "app", origin.repository()).requireToken("ghs_t");
            String uri = server.uri("octo", "app").toString();

            assertThatThrownBy(() -> Git.cloneRepository().setURI(uri).setDirectory(dir.resolve("x").toFile())
                    .call()).isInstanceOf(TransportException.class);
            assertThatThrownBy(() -> Git.cloneRepository().setURI(uri).setDirectory(dir.resolve("y").toFile())
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", "wrong"))
                    .call()).isInstanceOf(TransportException.class);

            UsernamePasswordCredentialsProvider token = new UsernamePasswordCredentialsProvider("x-access-token",
                    "ghs_t");
            try (Git clone = Git.cloneRepository().setURI(uri).setDirectory(dir.resolve("z").toFile())
                    .setCredentialsProvider(token).call()) {
                assertThat(clone.getRepository().resolve("HEAD")).isEqualTo(first);
                java.nio.file.Files.writeString(dir.resolve("z/b.txt"), "b\n");
                clone.add().addFilepattern("b.txt").call();
                RevCommit second = clone.commit().setMessage("second").setAuthor("t", "t@example.org")
                        .setCommitter("t", "t@example.org").call();
                clone.push().setRefSpecs(new RefSpec("HEAD:refs/heads/topic")).setCredentialsProvider(token).call();

                assertThat(origin.head("topic")).isEqualTo(second);
            }
            assertThat(server.requests()).anyMatch(r -> r.contains("git-receive-pack") && r.endsWith("200"))
                    .anyMatch(r -> r.endsWith("401"));
        }
    }

    @Test
    void aGitBackendThatDiesBeforeAnsweringIsA502NotAnEmptySuccess() throws Exception {
        Path fake = java.nio.file.Files.writeString(dir.resolve("git"), "#!/bin/sh\necho 'fatal: broken' >&2\n"
                + "exit 128\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        try (ScenarioRepo origin = ScenarioRepo.initBare(dir.resolve("origin.git"));
                GitHttpServer server = GitHttpServer.startWithGit(dir.resolve("server"), fake.toString())) {
            origin.commit("main", Tree.of().file("a.txt", "a\n"), "first");
            server.serve("octo", "app", origin.repository());
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.uri("octo", "app")
                            + "/info/refs?service=git-upload-pack")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(server.requests()).containsExactly(
                    "GET /octo/app.git/info/refs?service=git-upload-pack -> 502");
            assertThat(java.nio.file.Files.readString(dir.resolve("server/git-http-backend.log")))
                    .contains("fatal: broken");
        }
    }
}
