package dev.tributary.server.store;

import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Hibernate over the metadata database, for the control plane only (rows being synced never pass through it).
 * Built without touching the database, so the server starts while the database is down.
 */
public final class Store implements AutoCloseable {

    private final SessionFactory sessionFactory;

    public Store(DataSource dataSource) {
        this.sessionFactory = new HibernatePersistenceConfiguration("tributary")
                .managedClasses(Organization.class, User.class, UserSession.class, ApiKey.class, SignInRequest.class,
                        LocalSignInToken.class, AuditEvent.class, MemberRole.class, Policy.class, Connection.class,
                        ConsoleCode.class, BulkSync.class, BulkSyncExecution.class, Model.class, ModelSync.class, ModelSyncExecution.class, Event.class, Webhook.class,
                        GlobalErrorSubscribers.class, NotificationDelivery.class, QueryRun.class)
                .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                // Named up front so that booting never needs a database connection.
                .property(JdbcSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .property(JdbcSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "15")
                .property(JdbcSettings.ALLOW_METADATA_ON_BOOT, false)
                .property(SchemaToolingSettings.HBM2DDL_AUTO, "none")
                .property(MappingSettings.PREFERRED_UUID_JDBC_TYPE, "UUID")
                .createEntityManagerFactory();
    }

    /** Runs work in one transaction and returns its result; rolls back when it throws. */
    public <T> T inTransaction(Function<org.hibernate.Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
