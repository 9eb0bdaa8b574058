package dev.tessera.bench.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.json.MetamodelJson;
import dev.tessera.metamodel.model.EntityDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** The lead entity, the rule and the records every benchmark evaluates. */
final class Fixtures {
  /** The rule, in Tessera's language and (identically) in raw MVEL. */
  static final String RULE = "score > 50 && status == 'qualified' && annualRevenue >= 1000000";

  static final int RECORDS = 1024;
  static final int MASK = RECORDS - 1;

  private static final String[] STATUS = {"new", "contacted", "qualified", "customer"};

  private Fixtures() {}

  /** The condition scope over {@code lead.json}: name, score (number), status (picklist), annualRevenue (money). */
  static Scope leadScope() {
    try (InputStream in = Fixtures.class.getResourceAsStream("lead.json")) {
      JsonNode n = MetamodelJson.mapper().readTree(in);
      EntityDefinition lead = MetamodelJson.readEntity(n);
      return Scope.of(lead, Map.of(lead.name(), lead), Scope.Use.CONDITION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 1024 seeded records: score Integer 0-99, status one of four, annualRevenue Double 0..5,000,000. */
  @SuppressWarnings("unchecked")
  static Map<String, Object>[] primitiveRecords() {
    Map<String, Object>[] recs = new Map[RECORDS];
    Random r = new Random(1);
    for (int k = 0; k < RECORDS; k++) {
      Map<String, Object> m = new HashMap<>();
      m.put("score", r.nextInt(100));
      m.put("status", STATUS[r.nextInt(4)]);
      m.put("annualRevenue", r.nextDouble() * 5_000_000);
      m.put("name", "Lead " + k);
      recs[k] = m;
    }
    return recs;
  }

  /** The same records as the record service holds them: numbers as BigDecimal. */
  @SuppressWarnings("unchecked")
  static Map<String, Object>[] bigDecimalRecords(Map<String, Object>[] primitive) {
    Map<String, Object>[] recs = new Map[primitive.length];
    for (int k = 0; k < primitive.length; k++) {
      Map<String, Object> m = new HashMap<>(primitive[k]);
      m.put("score", BigDecimal.valueOf((Integer) primitive[k].get("score")));
      m.put("annualRevenue", new BigDecimal(primitive[k].get("annualRevenue").toString()));
      recs[k] = m;
    }
    return recs;
  }

  /** Rule number {@code k} of a reload: the same shape with different constants, so no two are equal. */
  static String variant(long k) {
    return "score > " + (k % 100) + " && status == 'qualified' && annualRevenue >= " + (1_000_000 + k);
  }
}
