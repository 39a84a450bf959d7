package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something that happened to an execution, such as {@code bulk_sync.failed}; {@code data} is a JSON object. Never updated. */
@Entity
@Table(name = "events")
public class Event {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String type;

    @Column(nullable = false)
    private String data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Event() {}

    public Event(UUID id, UUID organizationId, String type, String data, Instant createdAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.type = type;
        this.data = data;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String type() {
        return type;
    }

    public String data() {
        return data;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
