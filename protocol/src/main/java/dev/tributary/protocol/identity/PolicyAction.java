package dev.tributary.protocol.identity;

import java.util.List;
import java.util.UUID;

/** One action of a policy and the roles it is granted to. Actions: create, edit, delete, query, export, trigger, sync_to, apply_policy. */
public record PolicyAction(String action, List<UUID> roleIds) {}
