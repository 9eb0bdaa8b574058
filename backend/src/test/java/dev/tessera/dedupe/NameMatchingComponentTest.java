package dev.tessera.dedupe;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static dev.tessera.support.Defs.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matching person and company names where trigrams fail: homophone characters (王小明 / 王晓明), a
 * character typed wrong, pinyin in either order, company names with another place or legal suffix,
 * phones in any format; a namesake at another company and a colleague with another name are not
 * duplicates. Checked before saving (duplicateCandidates) and on create (the report of a warn rule).
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class NameMatchingComponentTest {
  /** The rule of bench/fuzzy: a new phone does not hide a customer whose name and company match. */
  private static Map<String, Object> rule(String entity) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", "matchingRule");
    r.put("name", Gql.unique("sameCustomer"));
    r.put("label", label("疑似同一客户", "Same customer"));
    r.put("entity", entity);
    r.put("action", "warn");
    r.put("threshold", 0.45);
    r.put("criteria", List.of(Map.of("field", "phone", "match", "exact", "weight", 0.8),
        Map.of("field", "email", "match", "exact", "weight", 0.5),
        Map.of("field", "name", "match", "fuzzy", "weight", 0.5, "compareAs", "personName", "minSimilarity", 0.6),
        Map.of("field", "company", "match", "fuzzy", "weight", 1, "compareAs", "companyName", "minSimilarity", 0.6)));
    return r;
  }

  private static String publish(boolean withRule) {
    String e = Gql.unique("client");
    List<Object> defs = new ArrayList<>(List.of(entity(e, field("name", "text"), field("phone", "phone"),
        field("email", "email"), field("company", "text"))));
    if (withRule) {
      defs.add(rule(e));
    }
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes problems { path message } } }",
        Map.of("d", defs));
    assertTrue(r.getBoolean("data.publishDefinitions.applied"), r.prettify());
    return e;
  }

  private static String create(String e, Map<String, Object> data) {
    String E = Character.toUpperCase(e.charAt(0)) + e.substring(1);
    JsonPath r = Gql.ok("mutation C($i: " + E + "Input!) { create" + E + "(input: $i) { id } }", Map.of("i", data));
    return r.getString("data.create" + E + ".id");
  }

  private static List<String> candidates(String e, Map<String, Object> data) {
    JsonPath r = Gql.ok("query Q($e: String!, $d: JSON!) { duplicateCandidates(entity: $e, data: $d) { id rule action score"
        + " matched record { __typename id } } }", Map.of("e", e, "d", data));
    assertEquals(r.getList("data.duplicateCandidates.id"), r.getList("data.duplicateCandidates.record.id"), "typed records");
    List<String> types = r.getList("data.duplicateCandidates.record.__typename");
    assertTrue(types.stream().allMatch(t -> t.equalsIgnoreCase(e)), types.toString());
    return r.getList("data.duplicateCandidates.id");
  }

  @Test
  void aHomophoneNameAtTheSameCompanyWithANewPhoneIsFound() {
    String e = publish(true);
    String original = create(e, Map.of("name", "王小明", "phone", "13800138000", "company", "北京字节跳动科技有限公司"));
    create(e, Map.of("name", "王大伟", "phone", "13800138001", "company", "北京字节跳动科技有限公司"));
    assertEquals(List.of(original), candidates(e, Map.of("name", "王晓明", "phone", "19912345678", "company", "字节跳动（北京）有限公司")));
  }

  @Test
  void aCharacterTypedWrongAtTheSameCompanyIsFound() {
    String e = publish(true);
    String original = create(e, Map.of("name", "张伟明", "phone", "13700001111", "company", "上海华信信息技术股份有限公司"));
    assertEquals(List.of(original), candidates(e, Map.of("name", "张伟民", "phone", "19900002222", "company", "上海华信集团")));
  }

  @Test
  void aPinyinNameInEitherOrderIsFound() {
    String e = publish(true);
    String original = create(e, Map.of("name", "Wang Xiaoming", "company", "Acme Technology Co., Ltd.", "phone", "13600001111"));
    assertEquals(List.of(original), candidates(e, Map.of("name", "Xiaoming Wang", "company", "ACME Ltd", "phone", "19900003333")));
    assertEquals(List.of(original), candidates(e, Map.of("name", "王晓明", "company", "acme", "phone", "19900004444")),
        "the same name written in Chinese");
  }

  @Test
  void phonesInAnyFormatAndEmailsInAnyCaseAreFound() {
    String e = publish(true);
    String original = create(e, Map.of("name", "刘洋", "phone", "13512345678", "email", "liu.yang@qq.com"));
    for (String phone : List.of("+86 135 1234 5678", "135-1234-5678", "008613512345678")) {
      assertEquals(List.of(original), candidates(e, Map.of("name", "刘洋", "phone", phone)), phone);
    }
    assertEquals(List.of(original), candidates(e, Map.of("name", "Liu Yang", "email", "Liu.Yang+crm@QQ.com")));
  }

  @Test
  void aNamesakeElsewhereAndAColleagueAreNotDuplicates() {
    String e = publish(true);
    create(e, Map.of("name", "王小明", "phone", "13800138000", "email", "xm@qq.com", "company", "北京字节跳动科技有限公司"));
    assertEquals(List.of(), candidates(e, Map.of("name", "王小明", "phone", "13900139000", "email", "wxm@163.com",
        "company", "杭州阿里巴巴网络技术有限公司")), "the same name at another company");
    assertEquals(List.of(), candidates(e, Map.of("name", "李建国", "phone", "13900139001", "company", "北京字节跳动科技有限公司")),
        "a colleague");
  }

  @Test
  void aCreateReportsTheHomophoneDuplicateAndARuleAddedLaterFindsEarlierRecords() {
    String e = publish(false);
    String original = create(e, Map.of("name", "陈静", "phone", "13811112222", "company", "深圳市腾讯计算机系统有限公司"));
    JsonPath r = Gql.ok("mutation P($d: [JSON!]!) { publishDefinitions(definitions: $d) { applied changes } }",
        Map.of("d", List.of(rule(e))));
    dev.tessera.support.Jobs.awaitKeyRebuild(r, e, 1);
    String second = create(e, Map.of("name", "陈婧", "phone", "19811112222", "company", "腾讯计算机系统有限公司"));
    JsonPath reports = Gql.ok("{ duplicateReports(id: \"" + second + "\") " + DuplicateComponentTest.REPORT + " }");
    assertEquals(original, reports.getString("data.duplicateReports[0].duplicateOf"), reports.prettify());
    assertEquals("warn", reports.getString("data.duplicateReports[0].action"));
    JsonPath editing = Gql.ok("query Q($e: String!, $d: JSON!, $id: ID) { duplicateCandidates(entity: $e, data: $d, id: $id) { id } }",
        Map.of("e", e, "d", Map.of("name", "陈婧", "company", "腾讯计算机系统有限公司"), "id", second));
    assertEquals(List.of(original), editing.getList("data.duplicateCandidates.id"), "the record being edited is left out");
  }
}
