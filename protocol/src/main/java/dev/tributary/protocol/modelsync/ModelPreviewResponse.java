package dev.tributary.protocol.modelsync;

import java.util.List;
import java.util.Map;

/** A model's fields and first records, each record a map of field name to value (NULLs as null). */
public record ModelPreviewResponse(List<ModelField> fields, List<Map<String, Object>> records) {}
