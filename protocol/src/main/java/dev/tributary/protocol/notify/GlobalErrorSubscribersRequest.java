package dev.tributary.protocol.notify;

import java.util.List;
import java.util.UUID;

/** Replaces the addresses emailed when a sync fails. {@code organizationId} is needed only with the deployment-wide key. */
public record GlobalErrorSubscribersRequest(List<String> emails, UUID organizationId) {}
