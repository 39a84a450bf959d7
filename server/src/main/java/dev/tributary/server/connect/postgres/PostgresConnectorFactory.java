package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.spi.Capability;
import dev.tributary.server.connect.spi.ConfigField;
import dev.tributary.server.connect.spi.ConfigSpec;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** PostgreSQL as a source and a destination. */
public final class PostgresConnectorFactory implements ConnectorFactory {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String SCHEMA = "schema";
    static final String SSLMODE = "sslmode";

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(HOST, "Host name or IP address of the PostgreSQL server.").asRequired()
                    .matching("[^\\s/:]+", "a host name or IP address such as db.example.com, without scheme or port"),
            ConfigField.integer(PORT, "TCP port of the server.", 1, 65535).withDefault(5432L),
            ConfigField.string(DATABASE, "Database to connect to.").asRequired(),
            ConfigField.string(USERNAME, "User to connect as.").asRequired(),
            ConfigField.string(PASSWORD, "Password of the user.").asSensitive(),
            ConfigField.string(SCHEMA, "Schema that objects written to this connection are created in.").withDefault("public")
                    .matching("[A-Za-z_][A-Za-z0-9_$]{0,62}", "a schema name of letters, digits and underscores, such as public"),
            ConfigField.oneOf(SSLMODE, "TLS: disable, allow, prefer (TLS when the server offers it), require (always TLS),"
                    + " verify-ca and verify-full (TLS with the server's certificate checked).",
                    List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full")).withDefault("prefer"));

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public Connector create(ConnectorConfig config) {
        return new PostgresConnector(config);
    }
}
