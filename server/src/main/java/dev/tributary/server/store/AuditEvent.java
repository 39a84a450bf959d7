package dev.tributary.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of the audit log: who did what to which object, when, and how it ended. Never updated. */
@Entity
@Table(name = "audit_events")
public class AuditEvent {

    @Id
    private UUID id;

    @Column(name = "organization_id")
    private UUID organizationId;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(name = "target_type")
    private String targetType;

    @Column(name = "target_id")
    private String targetId;

    @Column(nullable = false)
    private String outcome;

    private String detail;

    @Column(nullable = false)
    private Instant at;

    protected AuditEvent() {}

    public AuditEvent(UUID organizationId, String actor, String action, String targetType, String targetId, String outcome,
            String detail, Instant at) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.outcome = outcome;
        this.detail = detail;
        this.at = at;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }
}
