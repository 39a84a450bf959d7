package dev.tributary.protocol.modelsync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A model's fields and first records, each record an object of field name to value (NULLs as null). */
public record ModelPreviewResponse(List<ModelField> fields, List<ObjectNode> records) {}
