package dev.truce.setup;

import java.nio.file.Path;

/**
 * What setup mode takes from Truce's settings, as a record of its own so that this package does not read the
 * server's configuration: {@code truce.setup.*}, GitHub's API address and the data directory the credentials go to.
 *
 * @param publicUrl    {@code truce.setup.public-url}, or {@code null}: the address the page was opened at
 * @param githubUrl    {@code truce.setup.github-url}, or {@code null}: the web host of {@code githubApiUrl}
 * @param showOnly     {@code truce.setup.store=show}: the credentials are shown once, not stored
 * @param token        {@code truce.setup.token}, or {@code null}: a random one, logged at start-up
 * @param githubApiUrl {@code truce.github.api-url}, where the manifest is converted into an App
 * @param dataDir      {@code truce.data-dir}, where the credentials are stored
 */
public record SetupModeSettings(String publicUrl, String githubUrl, boolean showOnly, String token,
        String githubApiUrl, Path dataDir) {

    @Override
    public String toString() {
        return "SetupModeSettings[publicUrl=" + publicUrl + ", githubUrl=" + githubUrl + ", showOnly=" + showOnly
                + ", token=" + (token == null ? "random" : "***") + ", githubApiUrl=" + githubApiUrl + ", dataDir="
                + dataDir + "]";
    }
}
