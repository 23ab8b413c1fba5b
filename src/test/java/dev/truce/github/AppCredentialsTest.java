package dev.truce.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AppCredentialsTest {

    private final TestKeys keys = TestKeys.generated();

    @Test
    void githubsPkcs1KeySignsJwtsThatVerifyWithThePublicKey() throws Exception {
        String jwt = AppCredentials.fromPem(42, keys.pkcs1Pem()).jwt(GitHubApiStub.NOW);

        assertThat(verifiedClaims(jwt, keys).path("iss").asString()).isEqualTo("42");
    }

    @Test
    void pkcs1IsWrappedExactlyAsJavaEncodesPkcs8() throws Exception {
        byte[] pkcs1 = java.util.Base64.getMimeDecoder().decode(keys.pkcs1Pem().replaceAll("-----[A-Z ]+-----", ""));

        assertThat(PrivateKeyPem.pkcs1ToPkcs8(pkcs1)).isEqualTo(keys.pair.getPrivate().getEncoded());
    }

    @Test
    void pkcs8KeyFromAFileSignsTheSameWay(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.pem"), keys.pkcs8Pem(), StandardCharsets.US_ASCII);

        JsonNode claims = verifiedClaims(AppCredentials.fromPemFile(42, file).jwt(GitHubApiStub.NOW), keys);

        // Issued a minute early against clock drift; valid under GitHub's ten-minute maximum.
        assertThat(claims.path("iat").asLong()).isEqualTo(GitHubApiStub.NOW.getEpochSecond() - 60);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
        assertThat(claims.path("exp").asLong()).isGreaterThan(GitHubApiStub.NOW.getEpochSecond());
    }

    @Test
    void missingFileSaysWhereToGetTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> AppCredentials.fromPemFile(42, dir.resolve("nope.pem")))
                .isInstanceOf(AppKeyException.class)
                .hasMessageContaining("not found").hasMessageContaining("nope.pem");
    }

    @Test
    void encryptedKeysAreRefusedWithAHint() {
        String pkcs8Encrypted = TestKeys.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00});
        String pkcs1Encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> AppCredentials.fromPem(42, pkcs8Encrypted)).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> AppCredentials.fromPem(42, pkcs1Encrypted)).hasMessageContaining("encrypted");
    }

    @Test
    void garbageIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> AppCredentials.fromPem(42, "secret-looking garbage"))
                .isInstanceOf(AppKeyException.class).hasMessageContaining("not PEM")
                .hasMessageNotContaining("secret-looking");
        assertThatThrownBy(() -> AppCredentials.fromPem(42, TestKeys.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})))
                .isInstanceOf(AppKeyException.class).hasMessageContaining("not a valid RSA private key");
        assertThatThrownBy(() -> AppCredentials.fromPem(42, TestKeys.pem("EC PRIVATE KEY", new byte[] {1})))
                .isInstanceOf(AppKeyException.class).hasMessageContaining("EC PRIVATE KEY");
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        AppCredentials credentials = AppCredentials.fromPem(42, keys.pkcs1Pem());
        String keyBody = keys.pkcs1Pem().lines().skip(1).findFirst().orElseThrow();

        assertThat(credentials.toString()).contains("42").contains("redacted").doesNotContain(keyBody);
    }

    /** Checks the JWT's header and RS256 signature with {@code keys}' public key and returns its claims. */
    static JsonNode verifiedClaims(String jwt, TestKeys keys) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonMapper json = JsonMapper.builder().build();
        Base64.Decoder base64url = Base64.getUrlDecoder();
        JsonNode header = json.readTree(base64url.decode(parts[0]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(keys.publicKey());
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(base64url.decode(parts[2]))).as("signature verifies with the App's public key")
                .isTrue();
        return json.readTree(base64url.decode(parts[1]));
    }
}
