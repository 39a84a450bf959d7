package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A model: the rows of one connection named by {@code configuration} (JSON: a table or a query), with the fields found
 * when it was saved ({@code fields}, JSON) and the field that identifies a record.
 */
@Entity
@Table(name = "models")
public class Model {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(name = "connection_id", nullable = false)
    private UUID connectionId;

    @Column(nullable = false)
    private String configuration;

    @Column(nullable = false)
    private String fields;

    private String identifier;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tracking_columns", nullable = false, columnDefinition = "text[]")
    private String[] trackingColumns;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] labels;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "uuid[]")
    private UUID[] policies;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Model() {}

    public Model(UUID organizationId, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Everything a model is set to, replaced at once. */
    public record Settings(String name, UUID connectionId, String configuration, String fields, Optional<String> identifier,
            List<String> trackingColumns, List<String> labels, List<UUID> policies) {}

    public void configure(Settings settings, Instant now) {
        this.name = settings.name();
        this.connectionId = settings.connectionId();
        this.configuration = settings.configuration();
        this.fields = settings.fields();
        this.identifier = settings.identifier().orElse(null);
        this.trackingColumns = settings.trackingColumns().toArray(String[]::new);
        this.labels = settings.labels().toArray(String[]::new);
        this.policies = settings.policies().toArray(UUID[]::new);
        this.updatedAt = now;
    }

    public Settings settings() {
        return new Settings(name, connectionId, configuration, fields, Optional.ofNullable(identifier), List.of(trackingColumns),
                List.of(labels), List.of(policies));
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
