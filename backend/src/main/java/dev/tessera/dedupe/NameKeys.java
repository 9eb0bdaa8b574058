package dev.tessera.dedupe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * Blocking keys of names, where trigrams fail (王小明 and 王晓明 share one trigram of seven). A person's
 * pinyin key is family name and given name in pinyin, without tones, in sorted order: 王小明, 王晓明,
 * "Wang Xiaoming" and "Xiaoming Wang" all become "wang xiaoming". The one-character deletions of a
 * Chinese name (王小明 → 小明, 王明, 王小) meet those of a name with one character typed wrong, dropped or
 * added. A company's core drops the bracketed place, a leading city or province and the legal and
 * trade suffixes (北京字节跳动科技有限公司 and 字节跳动（北京）有限公司 → 字节跳动; "Acme Co., Ltd." → acme).
 * Input is a normalized value ({@link MatchKeys#key}): NFKC, lower case, single spaces.
 */
final class NameKeys {
  private static final Set<String> COMPOUND_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容",
      "令狐", "司徒", "夏侯", "尉迟", "公孙", "长孙", "宇文", "澹台", "端木", "轩辕", "独孤", "南宫", "西门");
  private static final List<String> PLACES = List.of("黑龙江", "内蒙古", "北京", "上海", "天津", "重庆", "广州",
      "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "长沙", "郑州", "济南", "青岛", "厦门", "福州", "合肥",
      "宁波", "无锡", "东莞", "佛山", "沈阳", "大连", "哈尔滨", "长春", "昆明", "贵阳", "南宁", "南昌", "太原", "石家庄",
      "兰州", "海口", "广东", "浙江", "江苏", "山东", "河南", "河北", "湖北", "湖南", "四川", "福建", "安徽", "江西",
      "广西", "云南", "贵州", "山西", "陕西", "辽宁", "吉林", "甘肃", "海南", "新疆", "西藏", "宁夏", "青海", "香港");
  /**
   * Lines of business: a company may be written with or without one, but two names with different ones
   * (盛通咨询 / 盛通软件) are two companies that share a brand.
   */
  private static final Set<String> TRADES = Set.of("软件", "电子商务", "电子", "商务", "实业", "贸易", "商贸", "咨询",
      "管理", "文化传媒", "传媒", "文化", "教育", "广告", "设计", "工程", "建筑", "物流", "供应链", "医疗", "器械", "餐饮",
      "食品", "投资", "金融", "物业", "置业", "地产", "房地产", "汽车", "装饰", "环保", "能源", "生物");
  /** Legal forms, generic words (科技, 网络) and trades; longest first, so that 股份有限公司 goes before 有限公司. */
  private static final List<String> SUFFIXES = Stream.concat(TRADES.stream(), Stream.of("股份有限公司", "有限责任公司",
      "集团有限公司", "有限公司", "分公司", "总公司", "公司", "集团", "股份", "控股", "科技", "技术", "信息", "网络", "发展",
      "服务", "工作室", "国际", "corporation", "technologies", "technology", "limited", "company", "group", "corp",
      "tech", "gmbh", "ltd", "llc", "inc", "co"))
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();
  /** Pinyin of common family names: which end of a three-word latin name is the family name. */
  private static final Set<String> SURNAME_PINYIN = Set.of("wang", "li", "zhang", "liu", "chen", "yang", "huang",
      "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie",
      "song", "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang",
      "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "fan", "fu",
      "qian", "shi", "jin", "dai", "bai", "qin", "gu", "mao", "hao", "kong", "meng", "wan", "xiong", "lei", "long",
      "duan", "hou", "shao", "qiu", "yin", "yan", "jia", "fang", "xia", "zou", "ouyang", "sima", "zhuge", "shangguan");
  private static final Pattern BRACKETED = Pattern.compile("[(（][^)）]*[)）]");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private NameKeys() {}

  /** Family and given name in pinyin, sorted ("wang xiaoming"), or null when the name has no letters. */
  static String pinyinKey(String name) {
    List<String> parts = familyAndGiven(name);
    if (parts.isEmpty()) {
      return null;
    }
    parts.sort(null);
    return String.join(" ", parts);
  }

  /**
   * The keys two spellings of one person share: the pinyin key, the name's letters, and for a Chinese
   * name of three or more characters every name with one character left out (a typo, a dropped or an
   * added character leaves the two names sharing one of these).
   */
  static Set<String> personKeys(String name) {
    Set<String> out = new LinkedHashSet<>();
    String py = pinyinKey(name);
    if (py == null) {
      return out;
    }
    out.add(py);
    String han = han(name);
    String letters = han.isEmpty() ? NOT_WORD.matcher(name).replaceAll("") : han;
    out.add(letters);
    if (han.length() >= 3) {
      int[] cps = han.codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < cps.length; j++) {
          if (j != i) {
            b.appendCodePoint(cps[j]);
          }
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  /** A company name taken apart: its distinctive core and the lines of business it names. */
  record CompanyName(String core, Set<String> trades) {
    /** Both name a line of business, and not the same one. */
    boolean tradesDiffer(CompanyName other) {
      return !trades.isEmpty() && !other.trades.isEmpty() && java.util.Collections.disjoint(trades, other.trades);
    }
  }

  /** The distinctive part of a company name, or null when it has no letters. */
  static String companyCore(String company) {
    CompanyName c = company(company);
    return c == null ? null : c.core();
  }

  /** The company name without bracketed place, leading place, legal form and trade words; null when it has no letters. */
  static CompanyName company(String company) {
    String s = NOT_WORD.matcher(BRACKETED.matcher(company).replaceAll("")).replaceAll("");
    if (s.isEmpty()) {
      return null;
    }
    Set<String> trades = new LinkedHashSet<>();
    String before = null;
    while (!s.equals(before)) {
      before = s;
      s = withoutPlace(s);
      String suffix = longestSuffix(s);
      if (suffix != null) {
        s = s.substring(0, s.length() - suffix.length());
        if (TRADES.contains(suffix)) {
          trades.add(suffix);
        }
      }
    }
    return new CompanyName(s, trades);
  }

  private static String withoutPlace(String s) {
    for (String place : PLACES) {
      if (s.startsWith(place) && s.length() - place.length() >= 2) {
        String rest = s.substring(place.length());
        return rest.startsWith("省") || rest.startsWith("市") ? rest.substring(1) : rest;
      }
    }
    return s;
  }

  /** The longest suffix the name ends with, leaving at least two characters; null when none. */
  private static String longestSuffix(String s) {
    for (String suffix : SUFFIXES) {
      if (s.endsWith(suffix) && s.length() - suffix.length() >= 2) {
        return suffix;
      }
    }
    return null;
  }

  /** A name's Chinese characters, in order (empty when it has none). */
  static String han(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().filter(NameKeys::isHan).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** The pinyin of Chinese characters without tones ("xiaoming"); other letters and digits as they are. */
  static String pinyin(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().forEach(cp -> {
      String[] readings = cp <= 0xFFFF && isHan(cp) ? PinyinHelper.toHanyuPinyinStringArray((char) cp) : null;
      if (readings != null && readings.length > 0) {
        b.append(readings[0].replace("u:", "v").replaceAll("[0-9]", ""));
      } else if (Character.isLetterOrDigit(cp)) {
        b.appendCodePoint(Character.toLowerCase(cp));
      }
    });
    return b.toString();
  }

  private static boolean isHan(int cp) {
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  /** [family, given] of a Chinese name in pinyin; the words of a latin one, given names joined when the family name leads or ends. */
  static List<String> familyAndGiven(String name) {
    String han = han(name);
    List<String> out = new ArrayList<>();
    if (!han.isEmpty()) {
      int family = han.length() > 2 && COMPOUND_SURNAMES.contains(han.substring(0, 2)) ? 2 : 1;
      out.add(pinyin(han.substring(0, family)));
      if (han.length() > family) {
        out.add(pinyin(han.substring(family)));
      }
      return out;
    }
    for (String w : NOT_WORD.split(name.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    if (out.size() > 2) {
      // "xiao ming wang" / "wang xiao ming": the family name is one end, the given names the rest, joined
      boolean familyFirst = !SURNAME_PINYIN.contains(out.get(out.size() - 1)) && SURNAME_PINYIN.contains(out.get(0));
      String family = familyFirst ? out.get(0) : out.get(out.size() - 1);
      String given = String.join("", familyFirst ? out.subList(1, out.size()) : out.subList(0, out.size() - 1));
      return new ArrayList<>(List.of(family, given));
    }
    return out;
  }
}
