package dev.tributary.console.connect;

import java.util.Optional;

/**
 * Where the console keeps a server's key or token between runs: the OS keyring when there is one, otherwise
 * nowhere (the operator types it again). Never a plain file.
 */
public interface Keyring {

    /** Says where secrets go, for the connect screen. */
    String describe();

    boolean available();

    Optional<String> read(String server);

    /** Keeps the secret; throws IllegalStateException, saying why, when the keyring refuses (locked, or no keyring service). */
    void store(String server, String secret);

    /** The desktop's Secret Service (GNOME Keyring, KWallet) through {@code secret-tool}, when installed. */
    static Keyring system() {
        return SecretToolKeyring.find().<Keyring>map(keyring -> keyring).orElse(NONE);
    }

    Keyring NONE = new Keyring() {
        @Override
        public String describe() {
            return "No OS keyring found (install libsecret-tools for secret-tool): the key is kept only while the console runs.";
        }

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Optional<String> read(String server) {
            return Optional.empty();
        }

        @Override
        public void store(String server, String secret) {
            // Nowhere safe to keep it: forgotten when the console closes.
        }
    };
}
