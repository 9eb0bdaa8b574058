package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import java.util.List;
import java.util.UUID;

/** Record ids as they arrive from clients. */
final class Ids {
  private Ids() {}

  /** The UUID, or null when the value is absent or not an id (reads: nothing matches). */
  static UUID parse(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The UUID of an id argument; a value that is not an id is a bad request. */
  static UUID argument(String id) {
    UUID uuid = parse(id);
    if (uuid == null) {
      throw RequestMessages.notAnId(String.valueOf(id), "RECORD", "id");
    }
    return uuid;
  }

  static UUID require(Object value, EntityDefinition e) {
    UUID id = parse(value);
    if (id == null) {
      throw new PlatformException(ErrorCode.NOT_FOUND, e.name() + " " + value + " does not exist", "id");
    }
    return id;
  }

  /** The UUID of an argument that must be an id; BAD_REQUEST naming its path otherwise. */
  static UUID argument(Object value, String path) {
    UUID id = parse(value);
    if (id == null) {
      throw RequestMessages.notAnId(String.valueOf(value), "RECORD", path);
    }
    return id;
  }
}
