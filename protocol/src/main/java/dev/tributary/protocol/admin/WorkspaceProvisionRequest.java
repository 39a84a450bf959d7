package dev.tributary.protocol.admin;

import java.util.List;

/** Bootstraps a workspace and its admins; the same as {@code tributary workspaces provision}. */
public record WorkspaceProvisionRequest(String name, String domain, List<String> users) {}
