package dev.tessera.dedupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Blocking keys of person and company names; the generated cases use a fixed seed. */
class NameKeysTest {
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐";
  private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红";
  /** Pairs of characters read alike (小/晓), the commonest typo of a name typed by pinyin input. */
  private static final List<String> HOMOPHONES = List.of("小晓", "明鸣", "伟玮", "静婧", "丽莉", "军君", "杰洁", "华桦",
      "红虹", "英莹", "平萍", "刚钢", "志智", "建健", "国帼", "涛韬");

  @Test
  void pinyinKeyIgnoresScriptOrderAndHomophones() {
    assertEquals("wang xiaoming", NameKeys.pinyinKey("王小明"));
    assertEquals("wang xiaoming", NameKeys.pinyinKey("王晓明"));
    assertEquals("wang xiaoming", NameKeys.pinyinKey("wang xiaoming"));
    assertEquals("wang xiaoming", NameKeys.pinyinKey("xiaoming wang"));
    assertEquals("wang xiaoming", NameKeys.pinyinKey("xiao ming wang"));
    assertEquals("wang xiaoming", NameKeys.pinyinKey("wang xiao ming"));
    assertEquals("nana ouyang", NameKeys.pinyinKey("欧阳娜娜"));
    assertEquals("bu lv", NameKeys.pinyinKey("吕布"));
    assertNull(NameKeys.pinyinKey("---"));
  }

  @Test
  void generatedHomophoneNamesShareThePinyinKey() {
    Random r = new Random(42);
    for (int i = 0; i < 500; i++) {
      String name = name(r);
      String typo = homophone(name, r);
      assertEquals(NameKeys.pinyinKey(name), NameKeys.pinyinKey(typo), name + " / " + typo);
      assertTrue(Similarity.personName(name, typo) >= Similarity.SAME_KEY, name + " / " + typo);
    }
  }

  @Test
  void generatedOneCharacterTyposShareAPersonKey() {
    Random r = new Random(7);
    for (int i = 0; i < 500; i++) {
      String name = SURNAMES.charAt(r.nextInt(SURNAMES.length())) + "" + GIVEN.charAt(r.nextInt(GIVEN.length()))
          + GIVEN.charAt(r.nextInt(GIVEN.length()));
      int at = 1 + r.nextInt(2);
      String typo = switch (i % 3) {
        case 0 -> name.substring(0, at) + GIVEN.charAt(r.nextInt(GIVEN.length())) + name.substring(at + 1);
        case 1 -> name.substring(0, at) + name.substring(at + 1);
        default -> name.substring(0, at) + GIVEN.charAt(r.nextInt(GIVEN.length())) + name.substring(at);
      };
      Set<String> shared = new HashSet<>(NameKeys.personKeys(name));
      shared.retainAll(NameKeys.personKeys(typo));
      assertFalse(shared.isEmpty(), name + " / " + typo);
    }
  }

  @Test
  void differentPeopleKeepApart() {
    assertNotEquals(NameKeys.pinyinKey("李小明"), NameKeys.pinyinKey("王小明"));
    assertNotEquals(NameKeys.pinyinKey("王明"), NameKeys.pinyinKey("王小明"));
    assertTrue(Similarity.personName("王小明", "李大伟") < 0.3);
    assertTrue(Similarity.personName("zhang shi", "张平") < 0.3, "only the family name is shared");
    assertTrue(Similarity.personName("zhang rui", "王桂") < 0.3, "pinyin that only looks alike");
    assertTrue(Similarity.personName("wang xiaomin", "王小明") > 0.8, "one letter short");
    assertEquals(0.67, Similarity.personName("王小明", "王少明"), 0.01);
  }

  @Test
  void companyCoreDropsPlaceAndSuffixes() {
    for (String variant : List.of("北京字节跳动科技有限公司", "字节跳动（北京）有限公司", "字节跳动科技股份有限公司", "字节跳动集团",
        "北京市字节跳动网络技术有限公司", "字节跳动")) {
      assertEquals("字节跳动", NameKeys.companyCore(variant), variant);
    }
    assertEquals("acme", NameKeys.companyCore("acme co., ltd."));
    assertEquals("acme", NameKeys.companyCore("acme technology group inc"));
    assertEquals("华为", NameKeys.companyCore("华为"));
    assertEquals("公司", NameKeys.companyCore("公司"), "nothing left to strip");
    assertTrue(Similarity.company("北京字节跳动科技有限公司", "字节跳动（北京）有限公司") > 0.9);
    assertTrue(Similarity.company("北京字节跳动科技有限公司", "北京百度网讯科技有限公司") < 0.5);
    assertEquals(Similarity.OTHER_TRADE, Similarity.company("武汉盛通咨询有限公司", "武汉盛通软件有限公司"), "one brand, two trades");
    assertTrue(Similarity.company("盛通咨询有限公司", "盛通科技有限公司") > 0.9, "科技 is no trade");
    assertTrue(Similarity.company("苏州盛节云米文化传媒有限公司", "盛节云米文化传媒") > 0.9, "the longest suffix goes first");
  }

  @Test
  void editSimilarityCountsCodePoints() {
    assertEquals(2.0 / 3, Similarity.editSimilarity("王小明", "王少明"), 1e-9);
    assertEquals(2.0 / 3, Similarity.editSimilarity("王小明", "王明"), 1e-9);
    assertEquals(1.0, Similarity.editSimilarity("", ""));
    assertEquals(1.0 / 7, Similarity.trigram("王小明", "王晓明"));
  }

  private static String name(Random r) {
    StringBuilder b = new StringBuilder().append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
    for (int n = 1 + r.nextInt(2); n > 0; n--) {
      String pair = HOMOPHONES.get(r.nextInt(HOMOPHONES.size()));
      b.append(pair.charAt(r.nextInt(2)));
    }
    return b.toString();
  }

  private static String homophone(String name, Random r) {
    int at = 1 + r.nextInt(name.length() - 1);
    for (String pair : HOMOPHONES) {
      int k = pair.indexOf(name.charAt(at));
      if (k >= 0) {
        return name.substring(0, at) + pair.charAt(1 - k) + name.substring(at + 1);
      }
    }
    return name;
  }
}
