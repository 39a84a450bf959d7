package dev.tributary.console.client;

import dev.tributary.protocol.admin.LogLineResponse;
import java.util.List;

/** Log lines read in one call, and the cursor to read on from. */
public record LogPage(List<LogLineResponse> lines, long cursor) {}
