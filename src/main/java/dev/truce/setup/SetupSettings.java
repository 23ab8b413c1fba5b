package dev.truce.setup;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The setup page's settings resolved once: the token its address needs, the GitHub web address the App is created
 * on, Truce's public URL when configured, and whether to store or only show the credentials.
 *
 * @param token     the setup token
 * @param generated whether the token was generated (then it is logged, since nobody else knows it)
 * @param githubUrl GitHub's web address, without a trailing slash
 * @param publicUrl {@code truce.setup.public-url}, or {@code null}
 * @param showOnly  {@code truce.setup.store=show}
 */
record SetupSettings(String token, boolean generated, URI githubUrl, String publicUrl, boolean showOnly) {

    static SetupSettings of(SetupModeSettings setup) {
        boolean generate = setup.token() == null || setup.token().isBlank();
        String token = generate ? randomToken() : setup.token().strip();
        URI github = setup.githubUrl() != null && !setup.githubUrl().isBlank() ? trimmed(setup.githubUrl())
                : webUrl(setup.githubApiUrl());
        String publicUrl = setup.publicUrl() == null || setup.publicUrl().isBlank() ? null
                : AppManifest.publicUrl(setup.publicUrl()).toString();
        return new SetupSettings(token, generate, github, publicUrl, setup.showOnly());
    }

    /** github.com for its API; an Enterprise Server's host for {@code https://HOST/api/v3}. */
    static URI webUrl(String apiUrl) {
        URI api = URI.create(apiUrl);
        if ("api.github.com".equalsIgnoreCase(api.getHost())) {
            return URI.create("https://github.com");
        }
        return URI.create(api.getScheme() + "://" + api.getRawAuthority());
    }

    boolean tokenMatches(String given) {
        return SetupController.same(token, given);
    }

    @Override
    public String toString() {
        return "SetupSettings[githubUrl=" + githubUrl + ", publicUrl=" + publicUrl + ", showOnly=" + showOnly + "]";
    }

    private static URI trimmed(String url) {
        String s = url.strip();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
