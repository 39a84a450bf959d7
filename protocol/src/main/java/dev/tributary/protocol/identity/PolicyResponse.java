package dev.tributary.protocol.identity;

import java.util.List;
import java.util.UUID;

/** A policy. The system policy {@code Default} applies to every object without a policy of its own. */
public record PolicyResponse(UUID id, String name, UUID organizationId, boolean system, List<PolicyAction> policyActions) {}
