package dev.tessera.metamodel.expr;

import java.time.LocalDate;
import java.util.Map;

/**
 * Helpers for mainland China data: mobile numbers (carrier by number segment) and the 18-digit
 * resident ID card (GB 11643-1999: region, birthday, sequence with gender, checksum).
 */
public final class ChinaFunctions {
  private static final Map<String, String> PROVINCES = Map.ofEntries(Map.entry("11", "北京"), Map.entry("12", "天津"),
      Map.entry("13", "河北"), Map.entry("14", "山西"), Map.entry("15", "内蒙古"), Map.entry("21", "辽宁"), Map.entry("22", "吉林"),
      Map.entry("23", "黑龙江"), Map.entry("31", "上海"), Map.entry("32", "江苏"), Map.entry("33", "浙江"), Map.entry("34", "安徽"),
      Map.entry("35", "福建"), Map.entry("36", "江西"), Map.entry("37", "山东"), Map.entry("41", "河南"), Map.entry("42", "湖北"),
      Map.entry("43", "湖南"), Map.entry("44", "广东"), Map.entry("45", "广西"), Map.entry("46", "海南"), Map.entry("50", "重庆"),
      Map.entry("51", "四川"), Map.entry("52", "贵州"), Map.entry("53", "云南"), Map.entry("54", "西藏"), Map.entry("61", "陕西"),
      Map.entry("62", "甘肃"), Map.entry("63", "青海"), Map.entry("64", "宁夏"), Map.entry("65", "新疆"), Map.entry("71", "台湾"),
      Map.entry("81", "香港"), Map.entry("82", "澳门"));
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private static final String MOBILE = "中国移动";
  private static final String UNICOM = "中国联通";
  private static final String TELECOM = "中国电信";
  private static final String BROADNET = "中国广电";
  private static final Map<String, String> SEGMENTS = segments();

  private ChinaFunctions() {}

  private static Map<String, String> segments() {
    Map<String, String> m = new java.util.HashMap<>();
    put(m, MOBILE, "135 136 137 138 139 147 148 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198"
        + " 1340 1341 1342 1343 1344 1345 1346 1347 1348 1703 1705 1706");
    put(m, UNICOM, "130 131 132 145 146 155 156 166 167 171 175 176 185 186 196 1704 1707 1708 1709");
    put(m, TELECOM, "133 149 153 173 174 177 180 181 189 190 191 193 199 1349 1700 1701 1702");
    put(m, BROADNET, "192");
    return Map.copyOf(m);
  }

  private static void put(Map<String, String> m, String carrier, String prefixes) {
    for (String p : prefixes.split(" ")) {
      m.put(p, carrier);
    }
  }

  /** The 11 digits of a mainland mobile number, accepting +86 / 0086 / 86 and spaces or dashes; else null. */
  static String mobileDigits(String phone) {
    if (phone == null) {
      return null;
    }
    String d = phone.replaceAll("[\\s\\-()]", "");
    if (d.startsWith("+86")) {
      d = d.substring(3);
    } else if (d.startsWith("0086")) {
      d = d.substring(4);
    } else if (d.length() == 13 && d.startsWith("86")) {
      d = d.substring(2);
    }
    return d.matches("1[3-9]\\d{9}") ? d : null;
  }

  public static Boolean isMobile(String phone) {
    return phone == null ? null : mobileDigits(phone) != null;
  }

  /** 中国移动, 中国联通, 中国电信 or 中国广电 by number segment; blank when unknown or not a mobile number. */
  public static String mobileCarrier(String phone) {
    String d = mobileDigits(phone);
    if (d == null) {
      return null;
    }
    String four = SEGMENTS.get(d.substring(0, 4));
    return four != null ? four : SEGMENTS.get(d.substring(0, 3));
  }

  public static Boolean idCardValid(String id) {
    return id == null ? null : normalized(id) != null;
  }

  public static String idCardProvince(String id) {
    String n = normalized(id);
    return n == null ? null : PROVINCES.get(n.substring(0, 2));
  }

  public static LocalDate idCardBirthday(String id) {
    String n = normalized(id);
    return n == null ? null : LocalDate.of(Integer.parseInt(n.substring(6, 10)), Integer.parseInt(n.substring(10, 12)),
        Integer.parseInt(n.substring(12, 14)));
  }

  /** 男 when the 17th digit is odd, 女 when even. */
  public static String idCardGender(String id) {
    String n = normalized(id);
    return n == null ? null : (n.charAt(16) - '0') % 2 == 1 ? "男" : "女";
  }

  /** The number upper-cased when it has 18 characters, a known province, a real birthday and the right checksum. */
  private static String normalized(String id) {
    if (id == null) {
      return null;
    }
    String n = id.strip().toUpperCase(java.util.Locale.ROOT);
    if (!n.matches("\\d{17}[\\dX]") || !PROVINCES.containsKey(n.substring(0, 2))) {
      return null;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (n.charAt(i) - '0') * WEIGHTS[i];
    }
    if (CHECK.charAt(sum % 11) != n.charAt(17)) {
      return null;
    }
    try {
      LocalDate.of(Integer.parseInt(n.substring(6, 10)), Integer.parseInt(n.substring(10, 12)),
          Integer.parseInt(n.substring(12, 14)));
    } catch (java.time.DateTimeException e) {
      return null;
    }
    return n;
  }
}
