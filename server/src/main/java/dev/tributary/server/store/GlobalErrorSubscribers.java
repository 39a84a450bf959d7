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

/** The addresses that get an email when one of the organization's syncs fails or runs too long. */
@Entity
@Table(name = "global_error_subscribers")
public class GlobalErrorSubscribers {

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    private String[] emails;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GlobalErrorSubscribers() {}

    public GlobalErrorSubscribers(UUID organizationId, List<String> emails, Instant now) {
        this.organizationId = organizationId;
        replace(emails, now);
    }

    public UUID organizationId() {
        return organizationId;
    }

    public List<String> emails() {
        return List.of(emails);
    }

    public void replace(List<String> emails, Instant now) {
        this.emails = emails.toArray(String[]::new);
        this.updatedAt = now;
    }
}
