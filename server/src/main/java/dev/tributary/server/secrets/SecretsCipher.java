package dev.tributary.server.secrets;

import dev.tributary.server.config.Config;
import dev.tributary.server.config.Secret;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts connection credentials at rest with AES-256-GCM. A ciphertext reads {@code v1:KEYID:DATA}: the format
 * version, the id of the key that encrypted it, and base64url of nonce + encrypted text + tag. Several keys may be held
 * so that keys can be rotated: the first encrypts, any of them decrypts the ciphertexts bearing its id.
 *
 * <p>The version, key id and a caller's context (such as the connection's id and field) are authenticated with the
 * text, so a ciphertext altered, or moved to another record, fails to decrypt instead of yielding a wrong value.
 */
public final class SecretsCipher {

    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String currentKeyId;

    private SecretsCipher(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        for (byte[] key : keys) {
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("a key must be " + KEY_BYTES + " bytes, not " + key.length);
            }
            this.keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
        }
        this.currentKeyId = this.keys.keySet().iterator().next();
    }

    /** A cipher that encrypts with the first key and decrypts with any of them. */
    public static SecretsCipher of(List<byte[]> keys) {
        return new SecretsCipher(keys);
    }

    /** The keys of SECRETS_KEY or, in development mode without it, the key kept in {@code DATA_DIR/secrets.key}. */
    public static SecretsCipher forConfig(Config config) {
        if (!config.secretsKeys().isEmpty()) {
            return of(config.secretsKeys().stream().map(Secret::reveal).map(Base64.getDecoder()::decode).toList());
        }
        if (!config.development()) {
            throw new IllegalStateException("SECRETS_KEY is required in production");
        }
        return of(List.of(SecretsKeyFile.loadOrCreate(config.dataDir().resolve(SecretsKeyFile.NAME))));
    }

    /** A new random key, as SECRETS_KEY takes it. */
    static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The id of the key new ciphertexts are written with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Whether a ciphertext was written with an older key and should be encrypted again with the current one. */
    public boolean needsRotation(String ciphertext) {
        return !parse(ciphertext).keyId().equals(currentKeyId);
    }

    public String encrypt(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(currentKeyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] data = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + currentKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** The plaintext; the context must be the one it was encrypted with. */
    public String decrypt(String ciphertext, String context) {
        Parsed parsed = parse(ciphertext);
        SecretKeySpec key = keys.get(parsed.keyId());
        if (key == null) {
            throw unreadable("The stored secret was encrypted with key " + parsed.keyId() + ", which SECRETS_KEY does not hold (it holds "
                    + String.join(", ", keys.keySet()) + "); add that key to SECRETS_KEY after the current one.");
        }
        if (parsed.data().length < NONCE_BYTES + TAG_BITS / 8) {
            throw unreadable("The stored secret is truncated; enter the credential again.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, parsed.data(), 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(parsed.keyId(), context));
            byte[] plain = cipher.doFinal(parsed.data(), NONCE_BYTES, parsed.data().length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw unreadable("The stored secret failed its integrity check: it was altered, or belongs to another record;"
                    + " enter the credential again.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    private record Parsed(String keyId, byte[] data) {}

    private static Parsed parse(String ciphertext) {
        String[] parts = ciphertext.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw unreadable("The stored secret is not in the encrypted form " + VERSION + ":KEYID:DATA; enter the credential again.");
        }
        try {
            return new Parsed(parts[1], Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw unreadable("The stored secret's data is not base64url; enter the credential again.");
        }
    }

    private static byte[] associatedData(String keyId, String context) {
        return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }

    /** A short public name of a key: it says which key encrypted a value without saying anything of the key. */
    private static String keyId(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("tributary secrets key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(key), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    private static TributaryException unreadable(String message) {
        return new TributaryException(ErrorCode.SECRET_UNREADABLE, message);
    }
}
