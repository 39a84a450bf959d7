package dev.tributary.server.secrets;

import dev.tributary.server.config.Config;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing keys of this deployment, one per purpose: derived from DEPLOYMENT_KEY, the license text (an HMAC of the purpose's name, so that
 * a key of one purpose tells nothing of another's), or in development mode generated once into a file under DATA_DIR.
 */
public final class DeploymentKeys {

    private DeploymentKeys() {}

    /**
     * @param purpose names what the key signs, such as {@code tributary admin tokens}; never change it, or signatures made
     *     before stop being valid
     * @param developmentFile the file under DATA_DIR that keeps the key without DEPLOYMENT_KEY
     */
    public static byte[] key(Config config, String purpose, String developmentFile) {
        if (config.deploymentKey().isPresent()) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(config.deploymentKey().get().reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
        return developmentKey(config.dataDir().resolve(developmentFile));
    }

    private static byte[] developmentKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(generated));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return generated;
        } catch (IOException | IllegalArgumentException e) {
            throw new TributaryException(ErrorCode.INTERNAL_ERROR, "Cannot read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }
}
