package dev.tessera.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.json.MetamodelJson;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An approval's time limit in working time of the starter pack's 法定工作日 calendar (chinaMainland), with
 * the clock set by the test: submitted the afternoon before the National Day holiday (10-01..10-07), its
 * deadline skips the holiday and counts the 调休 Saturday 10-10 as a working day, as a person would.
 */
class ApprovalDeadlineTest {
  private static MetadataSnapshot withChinaCalendar() throws Exception {
    try (InputStream in = ApprovalDeadlineTest.class.getResourceAsStream("/templates/starter/calendars/chinaMainland.json")) {
      JsonNode calendar = MetamodelJson.mapper().readTree(in);
      return new MetadataSnapshot(1, List.of(calendar));
    }
  }

  private static OffsetDateTime deadline(MetadataSnapshot meta, String now, String after) {
    FlowInstance instance = new FlowInstance(null, "f", 1, null, null, FlowInstance.Status.WAITING, null, java.util.Map.of(),
        "k", "system", false, null, null);
    FlowContext ctx = new FlowContext(null, List.of(), meta, null, instance, null, OffsetDateTime.parse(now));
    return FlowNodes.later(ctx, Duration.parse(after), "chinaMainland");
  }

  @Test
  void aDeadlineCrossingNationalDayCountsTheMakeUpSaturday() throws Exception {
    MetadataSnapshot meta = withChinaCalendar();
    // Wed 09-30 17:00: 1 h that day, 10-01..10-07 off, Thu 10-08 and Fri 10-09 9 h each, then Sat 10-10 is worked
    assertEquals(OffsetDateTime.parse("2026-10-10T17:00+08:00").toInstant(),
        deadline(meta, "2026-09-30T17:00+08:00", "PT27H").toInstant());
    // two working hours from the same moment land after the holiday
    assertEquals(OffsetDateTime.parse("2026-10-08T10:00+08:00").toInstant(),
        deadline(meta, "2026-09-30T17:00+08:00", "PT2H").toInstant());
    // the make-up Sunday before the holiday (09-20) is worked too; the plain Saturday 09-19 is not
    assertEquals(OffsetDateTime.parse("2026-09-20T11:00+08:00").toInstant(),
        deadline(meta, "2026-09-19T10:00+08:00", "PT2H").toInstant());
  }
}
