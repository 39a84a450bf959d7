package dev.tributary.protocol.modelsync;

import dev.tributary.protocol.jobs.Schedule;
import java.util.List;
import java.util.UUID;

/**
 * Creates or changes a model sync: the records of a model sent to {@code target}'s object, matched by {@code identity},
 * with {@code fields} mapped, kept by {@code filters} (combined by {@code filter_logic}) and changed by {@code overrides}.
 * {@code mode} is {@code create}, {@code update}, {@code updateOrCreate}, {@code replace}, {@code append} or {@code remove}.
 */
public record ModelSyncRequest(String name, Target target, String mode, Identity identity, List<FieldMapping> fields, List<Filter> filters,
        String filterLogic, List<Override> overrides, Schedule schedule, Boolean active, Boolean syncAllRecords, Boolean skipInitialBackfill,
        List<UUID> policies, UUID organizationId) {

    /** The destination: a connection and one of its objects. */
    public record Target(UUID connectionId, String object) {}

    /** A model field. */
    public record Source(UUID modelId, String field) {}

    /** How records are matched: the model's field equals ({@code function}: {@code Equality} or {@code CaseInsensitiveEquality}) the target's. */
    public record Identity(Source source, String target, String function) {}

    /**
     * One mapped field: the model's field, or {@code override_value} for every record, sent to {@code target};
     * {@code sync_mode: create} sets the field only on new records (or where it is empty), never overwriting it.
     */
    public record FieldMapping(Source source, String target, Object overrideValue, String syncMode) {}
}
