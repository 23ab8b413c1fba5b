package dev.truce.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * The GitHub App's identity: its id and its private key. Signs the short-lived JWTs (RS256) the App presents to
 * exchange for installation tokens. {@link #toString()} never shows the key.
 */
public final class AppCredentials {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final long appId;
    private final PrivateKey privateKey;

    private AppCredentials(long appId, PrivateKey privateKey) {
        if (appId <= 0) {
            throw new IllegalArgumentException("GitHub App id must be positive, was " + appId);
        }
        this.appId = appId;
        this.privateKey = privateKey;
    }

    /** Credentials from PEM text (PKCS#1 {@code BEGIN RSA PRIVATE KEY} or PKCS#8 {@code BEGIN PRIVATE KEY}). */
    public static AppCredentials fromPem(long appId, String pem) throws AppKeyException {
        return new AppCredentials(appId, PrivateKeyPem.parse(pem));
    }

    /** Credentials from a PEM file, as downloaded from the App's settings page. */
    public static AppCredentials fromPemFile(long appId, Path pemFile) throws AppKeyException {
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new AppKeyException("GitHub App private key file not found: " + pemFile
                    + " (generate and download one under the App's settings, 'Private keys')");
        } catch (IOException e) {
            throw new AppKeyException("Cannot read the GitHub App private key file " + pemFile + ": " + e, e);
        }
        return fromPem(appId, pem);
    }

    /** The App's id, the JWT's issuer. */
    public long appId() {
        return appId;
    }

    /**
     * A JWT that authenticates as the App: issued a minute in the past (GitHub's advice against clock drift) and
     * valid for nine minutes (GitHub's maximum is ten).
     */
    public String jwt(Instant now) {
        long iat = now.getEpochSecond() - 60;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iat\":" + iat + ",\"exp\":" + (iat + 600) + ",\"iss\":\"" + appId + "\"}";
        String signingInput = encode(header) + "." + encode(payload);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the GitHub App JWT with SHA256withRSA", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AppCredentials[appId=" + appId + ", privateKey=<redacted>]";
    }
}
