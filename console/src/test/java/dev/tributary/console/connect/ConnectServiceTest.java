package dev.tributary.console.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectServiceTest {

    @Test
    void anAddressWithoutSchemeIsHttpsAndATrailingSlashIsDropped() {
        assertThat(ConnectService.parse(" tributary.example.com/ ")).hasToString("https://tributary.example.com");
        assertThat(ConnectService.parse("http://127.0.0.1:5100")).hasToString("http://127.0.0.1:5100");
    }

    @Test
    void aWrongAddressSaysWhatAnAddressLooksLike() {
        assertThatThrownBy(() -> ConnectService.parse("")).hasMessage("Enter the server's address, such as https://tributary.example.com.");
        assertThatThrownBy(() -> ConnectService.parse("ftp://files.example.com")).hasMessageStartingWith("'ftp://files.example.com' is not a server address");
    }
}
