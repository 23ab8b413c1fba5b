package dev.truce.github;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** A freshly generated App key, written as GitHub (PKCS#1) and as PKCS#8 PEM. Nothing is ever stored on disk. */
public final class TestKeys {

    private static KeyPair shared;

    final KeyPair pair;

    private TestKeys(KeyPair pair) {
        this.pair = pair;
    }

    /** One key per test run: generating RSA 2048 takes a noticeable moment. */
    public static synchronized TestKeys generated() {
        if (shared == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                shared = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
        return new TestKeys(shared);
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    /** {@code BEGIN PRIVATE KEY}: Java's own encoding. */
    String pkcs8Pem() {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** {@code BEGIN RSA PRIVATE KEY}, as GitHub issues it: the OCTET STRING inside the PKCS#8 structure. */
    public String pkcs1Pem() {
        return pem("RSA PRIVATE KEY", innerPkcs1(pair.getPrivate().getEncoded()));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Walks PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING } and returns the octet string's content. */
    private static byte[] innerPkcs1(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at, 0x30);
        skip(pkcs8, at, 0x02);
        skip(pkcs8, at, 0x30);
        int length = header(pkcs8, at, 0x04);
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    private static void skip(byte[] der, int[] at, int tag) {
        int length = header(der, at, tag); // read first: it moves at[0]
        at[0] += length;
    }

    private static int header(byte[] der, int[] at, int tag) {
        if ((der[at[0]++] & 0xff) != tag) {
            throw new AssertionError("unexpected DER tag");
        }
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }
}
