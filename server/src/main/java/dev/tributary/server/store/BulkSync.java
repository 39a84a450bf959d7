package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A bulk sync: which tables of a source connection are copied into a destination connection, and how.
 * {@code schemas} is the JSON list of tables with their selection and tracking field.
 */
@Entity
@Table(name = "bulk_syncs")
public class BulkSync {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String mode;

    @Column(name = "source_connection_id", nullable = false)
    private UUID sourceConnectionId;

    @Column(name = "destination_connection_id", nullable = false)
    private UUID destinationConnectionId;

    @Column(name = "destination_configuration", nullable = false)
    private String destinationConfiguration;

    @Column(nullable = false)
    private String schemas;

    @Column(name = "automatically_add_new_fields", nullable = false)
    private boolean automaticallyAddNewFields;

    @Column(name = "automatically_add_new_objects", nullable = false)
    private boolean automaticallyAddNewObjects;

    @Column(name = "normalize_names", nullable = false)
    private boolean normalizeNames;

    @Column(name = "concurrency_limit", nullable = false)
    private int concurrencyLimit;

    @Column(nullable = false)
    private boolean active;

    @Column(nullable = false)
    private String schedule;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "uuid[]")
    private UUID[] policies;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected BulkSync() {}

    public BulkSync(UUID organizationId, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.policies = new UUID[0];
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Everything a bulk sync is set to, replaced at once. */
    public record Settings(String name, String mode, UUID sourceConnectionId, UUID destinationConnectionId, String destinationConfiguration,
            String schemas, boolean automaticallyAddNewFields, boolean automaticallyAddNewObjects, boolean normalizeNames, int concurrencyLimit,
            boolean active, List<UUID> policies, String schedule) {}

    /** Adds tables to the selection (new source tables joining on their own). */
    public void selectTables(String schemas, Instant now) {
        this.schemas = schemas;
        this.updatedAt = now;
    }

    public void configure(Settings settings, Instant now) {
        this.name = settings.name();
        this.mode = settings.mode();
        this.sourceConnectionId = settings.sourceConnectionId();
        this.destinationConnectionId = settings.destinationConnectionId();
        this.destinationConfiguration = settings.destinationConfiguration();
        this.schemas = settings.schemas();
        this.automaticallyAddNewFields = settings.automaticallyAddNewFields();
        this.automaticallyAddNewObjects = settings.automaticallyAddNewObjects();
        this.normalizeNames = settings.normalizeNames();
        this.concurrencyLimit = settings.concurrencyLimit();
        this.active = settings.active();
        this.policies = settings.policies().toArray(UUID[]::new);
        this.schedule = settings.schedule();
        this.updatedAt = now;
    }

    public Settings settings() {
        return new Settings(name, mode, sourceConnectionId, destinationConnectionId, destinationConfiguration, schemas,
                automaticallyAddNewFields, automaticallyAddNewObjects, normalizeNames, concurrencyLimit, active, List.of(policies), schedule);
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
