package dev.tessera.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A named list view of one entity. The settings (columns, filters, sort, page size) are the
 * workspace's to define; the server keeps them as given.
 *
 * @param owner the user a private view belongs to; null for a view shared with everyone
 */
public record SavedView(long id, String entity, String name, String owner, JsonNode settings, String createdBy,
    OffsetDateTime updatedAt) {}
