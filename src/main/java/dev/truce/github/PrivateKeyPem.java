package dev.truce.github;

import java.io.ByteArrayOutputStream;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out) or PKCS#8
 * ({@code BEGIN PRIVATE KEY}). Java only reads PKCS#8, so a PKCS#1 key is wrapped in the PKCS#8 structure by hand.
 */
final class PrivateKeyPem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PrivateKeyPem() {
    }

    /** Parses the first private key block in {@code pem}. */
    static PrivateKey parse(String pem) throws AppKeyException {
        Matcher block = BLOCK.matcher(pem);
        if (!block.find()) {
            throw new AppKeyException("The GitHub App private key is not PEM text (no -----BEGIN ... PRIVATE KEY----- "
                    + "block); use the .pem file downloaded from the App's settings page");
        }
        String type = block.group(1);
        String body = block.group(2);
        if (type.equals("ENCRYPTED PRIVATE KEY") || body.contains("ENCRYPTED")) {
            throw new AppKeyException("The GitHub App private key is encrypted; Truce needs the unencrypted key as "
                    + "GitHub issues it (decrypt it with: openssl pkey -in key.pem -out plain.pem)");
        }
        byte[] der = decode(body);
        byte[] pkcs8 = switch (type) {
            case "RSA PRIVATE KEY" -> pkcs1ToPkcs8(der);
            case "PRIVATE KEY" -> der;
            default -> throw new AppKeyException("The GitHub App private key is a '" + type
                    + "' block; Truce needs an RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
        };
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            // The cause's message describes the structure, never the key's values.
            throw new AppKeyException("The GitHub App private key is not a valid RSA private key", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no RSA support", e);
        }
    }

    private static byte[] decode(String body) throws AppKeyException {
        try {
            return Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new AppKeyException("The GitHub App private key's PEM body is not valid base64");
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, AlgorithmIdentifier, privateKey OCTET STRING (PKCS#1) }. */
    static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(RSA_ALGORITHM_IDENTIFIER);
        content.write(0x04);
        content.writeBytes(derLength(pkcs1.length));
        content.writeBytes(pkcs1);
        ByteArrayOutputStream sequence = new ByteArrayOutputStream();
        sequence.write(0x30);
        sequence.writeBytes(derLength(content.size()));
        sequence.writeBytes(content.toByteArray());
        return sequence.toByteArray();
    }

    /** DER definite length: short form below 128, else 0x80 | byte count followed by the big-endian length. */
    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = bytes; i > 0; i--) {
            out[i] = (byte) length;
            length >>>= 8;
        }
        return out;
    }
}
