package dev.tributary.protocol.jobs;

import java.util.List;

/** One schedule frequency and the schedule fields it reads. */
public record FrequencyResponse(String frequency, String description, List<String> fields, boolean bulkSyncsOnly) {}
