package dev.tributary.server.secrets;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The development mode's key: generated on first use into a file only its owner may read, then reused, so that
 * credentials stored by one run can be read by the next.
 */
final class SecretsKeyFile {

    static final String NAME = "secrets.key";

    private SecretsKeyFile() {}

    static byte[] loadOrCreate(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.notExists(file)) {
                try {
                    create(file);
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first: use its key.
                }
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != 32) {
                throw new TributaryException(ErrorCode.INTERNAL_ERROR, file + " does not hold a base64 key of 32 bytes;"
                        + " restore it from a backup, or delete it (credentials stored with it will need to be entered again).");
            }
            return key;
        } catch (IOException e) {
            throw new TributaryException(ErrorCode.INTERNAL_ERROR, "Cannot read or create the secrets key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        String key = Base64.getEncoder().encodeToString(SecretsCipher.newKey()) + "\n";
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, key, StandardCharsets.US_ASCII);
    }
}
