package dev.truce.setup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.truce.appmode.ConditionalOnSetupMode;

/**
 * The setup page, only while Truce has no App credentials. {@code GET /setup?token=...} asks for the App's name,
 * Truce's public URL and the organization; {@code POST /setup/manifest} shows the manifest and posts it to GitHub
 * with a one-time {@code state}; GitHub sends the browser to {@code GET /setup/callback?code=...&state=...}, and
 * Truce exchanges the code for the App and stores it ({@link StoredCredentials}) or shows it once.
 *
 * <p>The page is reachable by whoever reaches Truce, so it asks for the token Truce logs at start-up (or
 * {@code truce.setup.token}): without it nobody else can register an App of theirs as this Truce's. A
 * {@code state} works once and for an hour, as long as GitHub's code.
 */
@RestController
@ConditionalOnSetupMode
class SetupController {

    private static final Logger log = LoggerFactory.getLogger(SetupController.class);
    private static final Duration STATE_LIFETIME = Duration.ofHours(1);

    private final SetupSettings settings;
    private final ManifestConversion conversion;
    private final StoredCredentials store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> states = new ConcurrentHashMap<>();
    private volatile boolean registered;

    SetupController(SetupSettings settings, ManifestConversion conversion, SetupModeSettings mode) {
        this.settings = settings;
        this.conversion = conversion;
        this.store = new StoredCredentials(mode.dataDir());
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/")
    ResponseEntity<String> root() {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/setup")).build();
    }

    @GetMapping("/setup")
    ResponseEntity<String> form(@RequestParam(name = "token", required = false) String token) {
        if (!settings.tokenMatches(token)) {
            return html(HttpStatus.FORBIDDEN, SetupPages.problem("This setup page needs the token from Truce's"
                    + " log: open the address it printed at start-up (\"Open ... /setup?token=...\")."));
        }
        if (registered || store.exists()) {
            return html(HttpStatus.CONFLICT, SetupPages.problem("An App is registered already: restart Truce to"
                    + " use it (or remove " + store.folder() + " to register another)."));
        }
        return html(HttpStatus.OK, SetupPages.form(token, "Truce", defaultPublicUrl(), null, settings.githubUrl(),
                null));
    }

    @PostMapping(path = "/setup/manifest", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> manifest(@RequestParam(name = "token", required = false) String token,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "publicUrl", required = false) String publicUrl,
            @RequestParam(name = "organization", required = false) String organization) {
        if (!settings.tokenMatches(token)) {
            return html(HttpStatus.FORBIDDEN, SetupPages.problem("The setup token is missing or wrong."));
        }
        AppManifest manifest;
        String org;
        try {
            manifest = AppManifest.of(name, publicUrl);
            org = AppManifest.organization(organization);
        } catch (IllegalArgumentException e) {
            return html(HttpStatus.BAD_REQUEST, SetupPages.form(token, name, publicUrl, organization,
                    settings.githubUrl(), e.getMessage()));
        }
        String state = newState();
        String path = org == null ? "/settings/apps/new" : "/organizations/" + org + "/settings/apps/new";
        URI create = URI.create(settings.githubUrl() + path + "?state=" + state);
        return html(HttpStatus.OK, SetupPages.review(manifest, create));
    }

    @GetMapping("/setup/callback")
    ResponseEntity<String> callback(@RequestParam(name = "code", required = false) String code,
            @RequestParam(name = "state", required = false) String state) {
        Instant issued = state == null ? null : states.remove(state);
        if (issued == null || issued.plus(STATE_LIFETIME).isBefore(clock.instant())) {
            return html(HttpStatus.BAD_REQUEST, SetupPages.problem("This link from GitHub does not belong to a"
                    + " setup started here in the last hour (or was used already)."));
        }
        RegisteredApp app;
        try {
            app = conversion.convert(code);
        } catch (ManifestConversionException e) {
            log.warn("Setup: {}", e.getMessage());
            return html(HttpStatus.BAD_GATEWAY, SetupPages.problem(e.getMessage()));
        }
        if (settings.showOnly()) {
            registered = true;
            log.info("Setup: GitHub created the App {} (id {}); its credentials were shown once on the setup page"
                    + " and not stored (truce.setup.store=show)", app.slug(), app.id());
            return html(HttpStatus.OK, SetupPages.shown(app));
        }
        try {
            store.store(app);
        } catch (IOException e) {
            log.error("Setup: GitHub created the App {} (id {}), but Truce could not store it in {}: {}", app.slug(),
                    app.id(), store.folder(), e.getMessage());
            return html(HttpStatus.INTERNAL_SERVER_ERROR, SetupPages.problem("GitHub created the App " + app.slug()
                    + ", but Truce could not store its credentials in " + store.folder() + ": " + e.getMessage()
                    + ". Generate a private key on the App's settings page and configure it by hand"
                    + " (docs/github-app.md)."));
        }
        registered = true;
        log.info("Setup: GitHub created the App {} (id {}); its credentials are stored in {}. Restart Truce to use it,"
                + " then install it: {}/installations/new", app.slug(), app.id(), store.folder(), app.htmlUrl());
        return html(HttpStatus.OK, SetupPages.stored(app, store.folder()));
    }

    /** Until the App exists there is nobody to accept webhooks for. */
    @PostMapping("/webhook")
    ResponseEntity<String> webhook() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .body("Truce is not set up as a GitHub App yet (setup page: /setup)\n");
    }

    private String newState() {
        Instant now = clock.instant();
        states.values().removeIf(issued -> issued.plus(STATE_LIFETIME).isBefore(now));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = HexFormat.of().formatHex(bytes);
        states.put(state, now);
        return state;
    }

    private String defaultPublicUrl() {
        return settings.publicUrl() != null ? settings.publicUrl()
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private ResponseEntity<String> html(HttpStatus status, String page) {
        // No script runs; forms may only go here and to GitHub; the token in the address is never sent as a referrer.
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action"
                        + " 'self' " + settings.githubUrl() + "; frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
                .body(page);
    }

    /** Compares in constant time. */
    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
