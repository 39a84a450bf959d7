package dev.tributary.server.audit;

import dev.tributary.server.auth.Caller;
import dev.tributary.server.store.AuditEvent;
import dev.tributary.server.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records who changed what and who signed in, and reads it back for admins. Entries are never changed or deleted by the API. */
public final class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** PostgreSQL's timestamptz cannot hold Instant.MAX; this is later than any entry. */
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    public enum Outcome { SUCCESS, DENIED, FAILURE }

    private final Store store;
    private final Clock clock;

    public AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(Caller caller, Optional<UUID> organizationId, String action, String targetType, Object targetId, Outcome outcome) {
        record(caller.auditName(), organizationId, action, targetType, targetId, outcome, null);
    }

    public void record(String actor, Optional<UUID> organizationId, String action, String targetType, Object targetId, Outcome outcome,
            String detail) {
        AuditEvent event = new AuditEvent(organizationId.orElse(null), actor, action, targetType,
                targetId == null ? null : targetId.toString(), outcome.name().toLowerCase(Locale.ROOT), detail, clock.instant());
        store.inTransaction(session -> {
            session.persist(event);
            return null;
        });
        log.info("audit: {} {} {} {} {}", actor, action, targetType == null ? "-" : targetType, targetId == null ? "-" : targetId,
                event.outcome());
    }

    /** The newest entries of an organization, older than {@code before} when paging. */
    public List<AuditEvent> list(UUID organizationId, Optional<Instant> before, int limit) {
        return store.inTransaction(session -> session
                .createSelectionQuery("from AuditEvent e where e.organizationId = :org and e.at < :before order by e.at desc, e.id",
                        AuditEvent.class)
                .setParameter("org", organizationId)
                .setParameter("before", before.orElse(FAR_FUTURE))
                .setMaxResults(limit)
                .getResultList());
    }
}
