package dev.tributary.server.secrets;

import java.nio.file.Path;
import java.util.List;

/** The cipher a development-mode server uses, rebuilt from its DATA_DIR, for tests that check what was stored. */
public final class TestingSecrets {

    private TestingSecrets() {}

    public static SecretsCipher cipherIn(Path dataDir) {
        return SecretsCipher.of(List.of(SecretsKeyFile.loadOrCreate(dataDir.resolve(SecretsKeyFile.NAME))));
    }
}
