package dev.tributary.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.server.config.Config;
import dev.tributary.server.config.ConfigLoader;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsCipherTest {

    private static final String CONTEXT = "connection 6c1f/password";
    private final byte[] oldKey = SecretsCipher.newKey();
    private final byte[] newKey = SecretsCipher.newKey();

    @Test
    void encryptedTextDecryptsToThePlaintext() {
        SecretsCipher cipher = SecretsCipher.of(List.of(newKey));

        for (String plaintext : List.of("hunter2", "", "pässwörd 🔑 with : colons")) {
            String ciphertext = cipher.encrypt(plaintext, CONTEXT);
            assertThat(ciphertext).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain(plaintext.isEmpty() ? "\0" : plaintext);
            assertThat(cipher.decrypt(ciphertext, CONTEXT)).isEqualTo(plaintext);
        }
    }

    @Test
    void theSamePlaintextEncryptsDifferentlyEachTime() {
        SecretsCipher cipher = SecretsCipher.of(List.of(newKey));

        assertThat(cipher.encrypt("hunter2", CONTEXT)).isNotEqualTo(cipher.encrypt("hunter2", CONTEXT));
    }

    @Test
    void alteredCiphertextIsDetected() {
        SecretsCipher cipher = SecretsCipher.of(List.of(newKey));
        String ciphertext = cipher.encrypt("hunter2", CONTEXT);
        String prefix = ciphertext.substring(0, ciphertext.lastIndexOf(':') + 1);
        byte[] data = Base64.getUrlDecoder().decode(ciphertext.substring(prefix.length()));
        data[data.length / 2] ^= 1;
        String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(data);

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
                .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SECRET_UNREADABLE))
                .hasMessageContaining("failed its integrity check");
    }

    @Test
    void ciphertextMovedToAnotherRecordDoesNotDecrypt() {
        SecretsCipher cipher = SecretsCipher.of(List.of(newKey));
        String ciphertext = cipher.encrypt("hunter2", CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "connection 9a2b/password")).hasMessageContaining("belongs to another record");
    }

    @Test
    void afterRotationOldCiphertextsStillDecryptAndNewOnesUseTheNewKey() {
        SecretsCipher before = SecretsCipher.of(List.of(oldKey));
        String stored = before.encrypt("hunter2", CONTEXT);
        SecretsCipher after = SecretsCipher.of(List.of(newKey, oldKey));

        String rewritten = after.encrypt("hunter2", CONTEXT);

        assertThat(after.decrypt(stored, CONTEXT)).isEqualTo("hunter2");
        assertThat(after.needsRotation(stored)).isTrue();
        assertThat(after.needsRotation(rewritten)).isFalse();
        assertThat(rewritten).startsWith("v1:" + after.currentKeyId() + ":");
        assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
    }

    @Test
    void aKeyThatIsNotHeldGivesAClearErrorWithoutKeyMaterial() {
        SecretsCipher before = SecretsCipher.of(List.of(oldKey));
        String stored = before.encrypt("hunter2", CONTEXT);
        SecretsCipher wrong = SecretsCipher.of(List.of(newKey));

        assertThatThrownBy(() -> wrong.decrypt(stored, CONTEXT))
                .hasMessage("The stored secret was encrypted with key " + before.currentKeyId() + ", which SECRETS_KEY does not hold (it holds "
                        + wrong.currentKeyId() + "); add that key to SECRETS_KEY after the current one.")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(newKey))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void textThatIsNotACiphertextIsRefused() {
        SecretsCipher cipher = SecretsCipher.of(List.of(newKey));

        assertThatThrownBy(() -> cipher.decrypt("hunter2", CONTEXT)).hasMessageContaining("not in the encrypted form v1:KEYID:DATA");
        assertThatThrownBy(() -> cipher.decrypt("v1:" + cipher.currentKeyId() + ":AAAA", CONTEXT)).hasMessageContaining("truncated");
    }

    @Test
    void configuredKeysAreUsedInTheirOrder() {
        String first = Base64.getEncoder().encodeToString(newKey);
        String second = Base64.getEncoder().encodeToString(oldKey);
        Config config = ConfigLoader.load(Map.of("SECRETS_KEY", first + ", " + second));

        SecretsCipher cipher = SecretsCipher.forConfig(config);

        assertThat(cipher.currentKeyId()).isEqualTo(SecretsCipher.of(List.of(newKey)).currentKeyId());
        assertThat(cipher.decrypt(SecretsCipher.of(List.of(oldKey)).encrypt("x", CONTEXT), CONTEXT)).isEqualTo("x");
        assertThat(config.secretValues()).contains(first, second);
    }

    @Test
    void developmentModeGeneratesAnOwnerOnlyKeyFileOnceAndReusesIt(@TempDir Path dataDir) throws Exception {
        Config config = ConfigLoader.load(Map.of("DATA_DIR", dataDir.toString()));

        SecretsCipher first = SecretsCipher.forConfig(config);
        String stored = first.encrypt("hunter2", CONTEXT);
        SecretsCipher second = SecretsCipher.forConfig(config);

        Path file = dataDir.resolve("secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.currentKeyId()).isEqualTo(first.currentKeyId());
        assertThat(second.decrypt(stored, CONTEXT)).isEqualTo("hunter2");
    }

    @Test
    void aDamagedKeyFileIsReportedNotReplaced(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve("secrets.key"), "not a key");

        assertThatThrownBy(() -> SecretsCipher.forConfig(ConfigLoader.load(Map.of("DATA_DIR", dataDir.toString()))))
                .hasMessageContaining("does not hold a base64 key of 32 bytes");
        assertThat(Files.readString(dataDir.resolve("secrets.key"))).isEqualTo("not a key");
    }
}
