package dev.tributary.console.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring adapter against a stand-in for secret-tool that behaves as libsecret's does. */
class SecretToolKeyringTest {

    @TempDir
    Path dir;

    @Test
    void aStoredKeyIsReadBackAndTravelsOnStandardInputNeverInArguments() throws Exception {
        Path tool = fakeSecretTool();
        SecretToolKeyring keyring = new SecretToolKeyring(tool);

        keyring.store("https://a.example.com", "key-for-a");
        keyring.store("https://b.example.com", "key-for-b");

        assertThat(keyring.read("https://a.example.com")).contains("key-for-a");
        assertThat(keyring.read("https://b.example.com")).contains("key-for-b");
        assertThat(keyring.read("https://c.example.com")).isEmpty();
        assertThat(Files.readString(dir.resolve("arguments"))).doesNotContain("key-for-a", "key-for-b").contains("store --label=Tributary console");
    }

    @Test
    void aKeyringThatRefusesSaysWhy() throws Exception {
        Path tool = dir.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\necho 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2\nexit 1\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> new SecretToolKeyring(tool).store("https://a.example.com", "key"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The keyring refused to keep the key (secret-tool exit 1): Cannot autolaunch D-Bus without X11 $DISPLAY");
    }

    /** Keeps secrets in files named after the server attribute, and logs every argument list it was called with. */
    private Path fakeSecretTool() throws Exception {
        Path tool = dir.resolve("secret-tool");
        Files.writeString(tool, """
                #!/bin/sh
                echo "$@" >> "%1$s/arguments"
                case "$1" in
                  store) cat > "%1$s/$(printf %%s "$6" | tr -c 'a-z0-9' _)" ;;
                  lookup) f="%1$s/$(printf %%s "$5" | tr -c 'a-z0-9' _)"; [ -f "$f" ] && cat "$f" || exit 1 ;;
                esac
                """.formatted(dir));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }
}
