package dev.tributary.server.connect.mysql;

import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConfigField;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** MySQL and MariaDB as a source and a destination, through MariaDB Connector/J. */
public final class MySqlConnectorFactory implements ConnectorFactory {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SSLMODE = "sslmode";

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(HOST, "Host name or IP address of the MySQL or MariaDB server.").asRequired()
                    .matching("[^\\s/:]+", "a host name or IP address such as db.example.com, without scheme or port"),
            ConfigField.integer(PORT, "TCP port of the server.", 1, 65535).withDefault(3306L),
            ConfigField.string(DATABASE, "Database to read from and create objects in.").asRequired()
                    .matching("[A-Za-z0-9_$]{1,64}", "a database name of letters, digits and underscores"),
            ConfigField.string(USERNAME, "User to connect as.").asRequired(),
            ConfigField.string(PASSWORD, "Password of the user.").asSensitive(),
            ConfigField.oneOf(SSLMODE, "TLS: disable, trust (TLS without checking the server's certificate),"
                    + " verify-ca and verify-full (TLS with the server's certificate checked).",
                    List.of("disable", "trust", "verify-ca", "verify-full")).withDefault("verify-full"));

    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public String displayName() {
        return "MySQL / MariaDB";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.RAW_COPY));
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return new MySqlConnector(config);
    }
}
