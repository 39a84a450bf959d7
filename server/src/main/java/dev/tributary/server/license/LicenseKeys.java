package dev.tributary.server.license;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ES256 (P-256) keys of licenses, as PEM text: the vendor's private key signs (only the vendor holds it), public
 * keys verify. The public key of the vendor ships in the build; LICENSE_PUBLIC_KEY adds one.
 */
public final class LicenseKeys {

    private static final String SHIPPED = "vendor-public-key.pem";

    private LicenseKeys() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 keys are part of every JDK", e);
        }
    }

    /** The public key shipped in this build. */
    public static ECPublicKey shipped() {
        try (InputStream in = LicenseKeys.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the build");
            }
            return publicKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + SHIPPED, e);
        }
    }

    /** A P-256 public key as PEM ({@code -----BEGIN PUBLIC KEY-----}) or as the base64 between those lines. */
    public static ECPublicKey publicKey(String text) {
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(text))) instanceof ECPublicKey key
                    && key.getParams().getCurve().getField().getFieldSize() == 256) {
                return key;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Reported below, as for any other text that is not such a key.
        }
        throw new IllegalArgumentException("is not a P-256 public key in PEM");
    }

    public static ECPrivateKey privateKey(String text) {
        try {
            if (KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(text))) instanceof ECPrivateKey key) {
                return key;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Reported below, as for any other text that is not such a key.
        }
        throw new IllegalArgumentException("is not a P-256 private key in PEM (PKCS#8)");
    }

    /** How a public key is shown (config check, the admin API): the start of the SHA-256 of its encoding. */
    public static String fingerprint(ECPublicKey key) {
        try {
            return "P-256 public key SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String pem(ECPublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(ECPrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The bytes of a PEM text; an {@link IllegalArgumentException} when they are not base64. */
    private static byte[] der(String text) {
        return Base64.getDecoder().decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
