package dev.tessera.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.record.DataRecord;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * A random record scope for {@link PolicyPropertyTest}, with its own evaluator: the reference meaning
 * of the documented semantics (a comparison with a blank record value is unknown, {@code !=} and
 * {@code not in} hold for blanks, {@code in} an empty or blank user list never holds, and an unknown
 * scope does not reach the record), written independently of the code under test.
 */
interface RandomScope {
  /** True, false, or null for unknown. */
  Boolean test(DataRecord r, Viewer v);

  /** Sets the role's {@code scope}. */
  void write(ObjectNode access);

  static RandomScope generate(Random random, int depth) {
    return switch (random.nextInt(5)) {
      case 0 -> new Named("own", (r, v) -> r.ownerId() == null ? null : r.ownerId().equals(v.userId()));
      case 1 -> new Named("team", (r, v) -> r.ownerId() == null ? null
          : r.ownerId().equals(v.userId()) || v.teamMates().contains(r.ownerId()));
      case 2 -> new Named("all", (r, v) -> true);
      default -> new Expression(Cond.generate(random, depth));
    };
  }

  /** own, team or all. */
  record Named(String name, java.util.function.BiFunction<DataRecord, Viewer, Boolean> meaning) implements RandomScope {
    @Override
    public Boolean test(DataRecord r, Viewer v) {
      return meaning.apply(r, v);
    }

    @Override
    public void write(ObjectNode access) {
      access.put("scope", name);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Expression(Cond cond) implements RandomScope {
    @Override
    public Boolean test(DataRecord r, Viewer v) {
      return cond.test(r, v);
    }

    @Override
    public void write(ObjectNode access) {
      access.putObject("scope").put("expression", cond.source());
    }

    @Override
    public String toString() {
      return "{" + cond.source() + "}";
    }
  }

  /** A condition of a scope expression: its source text and its reference meaning. */
  record Cond(String source, java.util.function.BiFunction<DataRecord, Viewer, Boolean> meaning) {
    Boolean test(DataRecord r, Viewer v) {
      return meaning.apply(r, v);
    }

    static Cond generate(Random random, int depth) {
      int pick = random.nextInt(depth >= 2 ? 10 : 13);
      String region = List.of("GD", "ZJ", "SH").get(random.nextInt(3));
      BigDecimal n = new BigDecimal(List.of("0", "50", "100").get(random.nextInt(3)));
      return switch (pick) {
        case 0 -> new Cond("owner == currentUser", (r, v) -> r.ownerId() == null ? null : r.ownerId().equals(v.userId()));
        case 1 -> new Cond("region == '" + region + "'", (r, v) -> r.get("region") == null ? null : r.get("region").equals(region));
        case 2 -> new Cond("region != '" + region + "'", (r, v) -> !region.equals(r.get("region")));
        case 3 -> new Cond("region in ['" + region + "', 'GD']",
            (r, v) -> r.get("region") == null ? null : List.of(region, "GD").contains(r.get("region")));
        case 4 -> new Cond("region not in ['" + region + "']", (r, v) -> !region.equals(r.get("region")));
        case 5 -> new Cond("region in currentUser.regions", (r, v) -> {
          List<?> mine = (List<?>) v.user().get("regions");
          if (mine == null || mine.isEmpty()) {
            return false;
          }
          return r.get("region") == null ? null : mine.contains(r.get("region"));
        });
        case 6 -> new Cond("budget > " + n, (r, v) -> r.get("budget") == null ? null
            : ((BigDecimal) r.get("budget")).compareTo(n) > 0);
        case 7 -> new Cond(n + " >= budget", (r, v) -> r.get("budget") == null ? null
            : ((BigDecimal) r.get("budget")).compareTo(n) <= 0);
        case 8 -> new Cond("hot", (r, v) -> (Boolean) r.get("hot"));
        case 9 -> random.nextBoolean() ? new Cond("isBlank(region)", (r, v) -> r.get("region") == null)
            : new Cond("budget == null", (r, v) -> r.get("budget") == null);
        case 10 -> not(generate(random, depth + 1));
        case 11 -> and(generate(random, depth + 1), generate(random, depth + 1));
        default -> or(generate(random, depth + 1), generate(random, depth + 1));
      };
    }

    static Cond not(Cond c) {
      return new Cond("!(" + c.source + ")", (r, v) -> {
        Boolean x = c.test(r, v);
        return x == null ? null : !x;
      });
    }

    static Cond and(Cond a, Cond b) {
      return new Cond("(" + a.source + ") && (" + b.source + ")", (r, v) -> {
        Boolean x = a.test(r, v);
        Boolean y = b.test(r, v);
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
          return false;
        }
        return x == null || y == null ? null : true;
      });
    }

    static Cond or(Cond a, Cond b) {
      return new Cond("(" + a.source + ") || (" + b.source + ")", (r, v) -> {
        Boolean x = a.test(r, v);
        Boolean y = b.test(r, v);
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
          return true;
        }
        return x == null || y == null ? null : false;
      });
    }
  }
}
