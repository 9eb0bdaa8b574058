package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.record.DataRecord;
import dev.tessera.record.OrderKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Opaque Relay cursors: base64url of the JSON array of a row's order-key values (as text). */
final class Cursors {
  private static final ObjectMapper MAPPER = MetamodelJson.mapper();

  private Cursors() {}

  static String encode(DataRecord r, List<OrderKey> order) {
    List<String> values = new ArrayList<>();
    for (OrderKey k : order) {
      values.add(text(r.value(k.column())));
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Object> decode(String cursor, int keys) {
    try {
      List<?> values = MAPPER.readValue(Base64.getUrlDecoder().decode(cursor), List.class);
      if (values.size() != keys) {
        throw new IllegalArgumentException("order changed");
      }
      return new ArrayList<>(values);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("BAD_CURSOR"), "after");
    }
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof BigDecimal b ? b.toPlainString() : v.toString();
  }
}
