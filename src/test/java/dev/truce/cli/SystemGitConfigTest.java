package dev.truce.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemGitConfigTest {

    @Test
    void a_distribution_git_found_through_a_link_reads_etc_gitconfig(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "needs a distribution's git");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("git"), Path.of("/usr/bin/git"));

        assertThat(SystemGitConfig.locate(Map.of("PATH", bin + File.pathSeparator + "/usr/bin")))
                .contains(new File("/etc/gitconfig"));
    }

    @Test
    void on_this_machine_it_is_the_file_jgit_finds_by_asking_git() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")) && Files.isRegularFile(Path.of("/etc/gitconfig")),
                "git reports a system configuration only where the file exists");
        Map<String, String> env = Map.of("PATH", "/usr/bin");

        // FS.detect() is a new file system, not the shared one: its discovery runs git as JGit always did.
        assertThat(SystemGitConfig.locate(env)).contains(FS.detect().getGitSystemConfig());
    }

    @Test
    void another_git_is_left_to_jgit_to_ask(@TempDir Path dir) throws IOException {
        Path git = Files.createFile(dir.resolve("git"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(git).isExecutable();

        assertThat(SystemGitConfig.locate(Map.of("PATH", dir + File.pathSeparator + "/usr/bin"))).isEmpty();
        assertThat(SystemGitConfig.locate(Map.of("PATH", dir.resolve("none").toString()))).isEmpty();
        assertThat(SystemGitConfig.locate(Map.of())).isEmpty();
    }

    @Test
    void git_config_system_and_nosystem_are_honoured_as_git_honours_them() {
        assertThat(SystemGitConfig.locate(Map.of("PATH", "/usr/bin", "GIT_CONFIG_SYSTEM", "/srv/gitconfig")))
                .contains(new File("/srv/gitconfig"));
        assertThat(SystemGitConfig.locate(Map.of("PATH", "/usr/bin", "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_CONFIG_SYSTEM", "/srv/gitconfig"))).isEmpty();
    }
}
