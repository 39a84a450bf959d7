package dev.tributary.protocol.identity;

import java.util.List;
import java.util.UUID;

/** Creates or replaces a policy; {@code organizationId} is needed only with the deployment-wide key. */
public record PolicyRequest(String name, UUID organizationId, List<PolicyAction> policyActions) {}
