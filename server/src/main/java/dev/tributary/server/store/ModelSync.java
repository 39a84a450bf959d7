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
 * A model sync: a model's records sent to one object of a destination connection. {@code settings} holds the identity,
 * field mappings, filters and overrides as JSON; {@code schedule} its schedule as JSON.
 */
@Entity
@Table(name = "model_syncs")
public class ModelSync {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(name = "model_id", nullable = false)
    private UUID modelId;

    @Column(name = "target_connection_id", nullable = false)
    private UUID targetConnectionId;

    @Column(name = "target_object", nullable = false)
    private String targetObject;

    @Column(nullable = false)
    private String mode;

    @Column(nullable = false)
    private String settings;

    @Column(nullable = false)
    private String schedule;

    @Column(nullable = false)
    private boolean active;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "uuid[]")
    private UUID[] policies;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ModelSync() {}

    public ModelSync(UUID organizationId, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Everything a model sync is set to, replaced at once. */
    public record Settings(String name, UUID modelId, UUID targetConnectionId, String targetObject, String mode, String settings, String schedule,
            boolean active, List<UUID> policies) {}

    public void configure(Settings settings, Instant now) {
        this.name = settings.name();
        this.modelId = settings.modelId();
        this.targetConnectionId = settings.targetConnectionId();
        this.targetObject = settings.targetObject();
        this.mode = settings.mode();
        this.settings = settings.settings();
        this.schedule = settings.schedule();
        this.active = settings.active();
        this.policies = settings.policies().toArray(UUID[]::new);
        this.updatedAt = now;
    }

    public Settings settings() {
        return new Settings(name, modelId, targetConnectionId, targetObject, mode, settings, schedule, active, List.of(policies));
    }

    /** Turns the sync's schedule on or off without touching anything else. */
    public void activate(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
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
