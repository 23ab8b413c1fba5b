package dev.truce.setup;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.web.util.HtmlUtils;

/** The setup page's HTML: plain forms, no script, every value escaped. */
final class SetupPages {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;\
            color:#1f2328}label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=url]\
            {width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem\
             1.2rem;font-size:1rem;background:#1f883d;color:#fff;border:0;border-radius:6px;cursor:pointer}\
            pre{background:#f6f8fa;padding:1rem;overflow:auto;white-space:pre-wrap;word-break:break-all}\
            .error{background:#ffebe9;border:1px solid #ff8182;padding:.6rem 1rem;border-radius:6px}\
            .hint{color:#59636e;font-weight:normal;font-size:.9rem}""";

    private SetupPages() {
    }

    /** Step 1: the App's name, Truce's public address, and where to create it. */
    static String form(String token, String name, String publicUrl, String organization, URI githubUrl,
            String error) {
        return page("Register Truce as a GitHub App", """
                <h1>Register Truce as a GitHub App</h1>
                <p>Truce has no GitHub App credentials yet. This page asks GitHub to create a private App with the
                permissions and events Truce needs; GitHub then sends you back here and Truce keeps the App's
                id, private key and webhook secret.</p>
                %s
                <form method="post" action="/setup/manifest">
                  <input type="hidden" name="token" value="%s">
                  <label for="name">App name <span class="hint">(unique on GitHub, at most 34 characters)</span></label>
                  <input type="text" id="name" name="name" value="%s" maxlength="34" required>
                  <label for="publicUrl">Truce's public URL <span class="hint">(GitHub sends webhooks to
                  this address + /webhook)</span></label>
                  <input type="url" id="publicUrl" name="publicUrl" value="%s" required>
                  <label for="organization">Organization <span class="hint">(empty: your own account)</span></label>
                  <input type="text" id="organization" name="organization" value="%s">
                  <p class="hint">The App is created on %s.</p>
                  <button type="submit" id="review">Review the App</button>
                </form>""".formatted(error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>",
                esc(token), esc(name), esc(publicUrl), esc(organization == null ? "" : organization),
                esc(githubUrl.toString())));
    }

    /** Step 2: the manifest as it will be sent, and the button that posts it to GitHub. */
    static String review(AppManifest manifest, URI createUrl) {
        return page("Create the GitHub App", """
                <h1>Create the GitHub App</h1>
                <p>GitHub will ask you to confirm the App's name, then create it with this manifest and send you
                back to <code>%s</code>.</p>
                <pre id="manifest">%s</pre>
                <form method="post" action="%s" id="create">
                  <input type="hidden" name="manifest" value="%s">
                  <button type="submit" id="submit">Create the App on GitHub</button>
                </form>""".formatted(esc(manifest.redirectUrl().toString()), esc(manifest.json()),
                esc(createUrl.toString()), esc(manifest.json())));
    }

    /** Done, credentials stored: what to do next. */
    static String stored(RegisteredApp app, Path folder) {
        return page("Truce is registered", """
                <h1>Truce is registered as <span id="slug">%s</span></h1>
                <p>GitHub created the App <strong>%s</strong> (App ID <span id="app-id">%d</span>). Its private key
                and webhook secret are stored in <code id="stored">%s</code>, readable only by the account Truce
                runs as.</p>
                <h2>Next</h2>
                <ol>
                  <li>Restart Truce (for example <code>docker compose restart truce</code>): it reads the App from
                  the data directory and starts answering webhooks.</li>
                  <li><a id="install" href="%s">Install the App</a> on the repositories Truce should look
                  after.</li>
                </ol>""".formatted(esc(app.slug()), esc(app.name()), app.id(), esc(folder.toString()),
                esc(installUrl(app))));
    }

    /** Done, credentials shown once for a secret store (truce.setup.store=show). */
    static String shown(RegisteredApp app) {
        return page("Truce is registered", """
                <h1>Truce is registered as <span id="slug">%s</span></h1>
                <p>GitHub created the App <strong>%s</strong>. Truce stored nothing (<code>truce.setup.store=show</code>):
                put these into your secret store now; this page is the only copy besides GitHub's, which can
                generate a new private key but never show this one again.</p>
                <pre>TRUCE_GITHUB_APPID=%d
                TRUCE_GITHUB_APPSLUG=%s</pre>
                <p>Webhook secret (<code>TRUCE_GITHUB_WEBHOOKSECRET</code> or a file for
                <code>TRUCE_GITHUB_WEBHOOKSECRETFILE</code>):</p>
                <pre id="webhook-secret">%s</pre>
                <p>Private key (a file for <code>TRUCE_GITHUB_PRIVATEKEYFILE</code>):</p>
                <pre id="private-key">%s</pre>
                <p>Then restart Truce with them and <a id="install" href="%s">install the App</a>.</p>"""
                .formatted(esc(app.slug()), esc(app.name()), app.id(), esc(app.slug()), esc(app.webhookSecret()),
                        esc(app.privateKeyPem()), esc(installUrl(app))));
    }

    /** Something went wrong: what and what to do. */
    static String problem(String message) {
        return page("Setup problem", "<h1>Setup problem</h1><p class=\"error\" id=\"error\">" + esc(message)
                + "</p><p>Open the setup link from Truce's log to start again.</p>");
    }

    private static String installUrl(RegisteredApp app) {
        return app.htmlUrl().isEmpty() ? "" : app.htmlUrl() + "/installations/new";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body>\n" + body + "\n</body></html>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
