package dev.tessera.metamodel.i18n;

import dev.tessera.metamodel.model.LocalizedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * One capability's bilingual message catalog, {@code messages/<capability>.properties}: each code has
 * its zh-CN and en text side by side ({@code DUPLICATE.zh-CN}, {@code DUPLICATE.en}) with named
 * placeholders ({@code {entity}}). A placeholder's value may itself be a {@link LocalizedText} (an
 * entity's or field's label), so each language gets its own words. Tests check every code has both
 * languages with the same placeholders; code never builds Chinese or English sentences inline.
 */
public final class Messages {
  private static final Map<String, Messages> CATALOGS = new ConcurrentHashMap<>();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
  private final String capability;
  private final Map<String, String> texts;

  private Messages(String capability, Map<String, String> texts) {
    this.capability = capability;
    this.texts = Map.copyOf(texts);
  }

  /** The catalog of a capability, loaded once. */
  public static Messages of(String capability) {
    return CATALOGS.computeIfAbsent(capability, Messages::load);
  }

  /** The text of {@code code} in both languages with {@code args} filled in. */
  public LocalizedText text(String code, Map<String, ?> args) {
    return LocalizedText.of(fill(code, LocalizedText.ZH, args), fill(code, LocalizedText.EN, args));
  }

  /** The text of {@code code} with no placeholders. */
  public LocalizedText text(String code) {
    return text(code, Map.of());
  }

  /** Every code of the catalog with its texts by language, for checks. */
  public Map<String, Map<String, String>> all() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    texts.forEach((k, v) -> {
      int dot = k.lastIndexOf('.');
      out.computeIfAbsent(k.substring(0, dot), x -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
    });
    return out;
  }

  /**
   * What is wrong with the catalog: a code without both languages, different placeholders in zh-CN and
   * en, a zh-CN text without Chinese in it. Empty when it is sound; each module's tests check its catalogs.
   */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    all().forEach((code, byLang) -> {
      if (!byLang.keySet().equals(Set.of(LocalizedText.ZH, LocalizedText.EN))) {
        out.add(capability + "." + code + " has " + byLang.keySet() + " instead of zh-CN and en");
      } else {
        if (!placeholders(byLang.get(LocalizedText.ZH)).equals(placeholders(byLang.get(LocalizedText.EN)))) {
          out.add(capability + "." + code + " has different placeholders in zh-CN and en");
        }
        if (byLang.get(LocalizedText.ZH).codePoints().noneMatch(Messages::chinese)) {
          out.add(capability + "." + code + ".zh-CN has no Chinese in it");
        }
      }
    });
    return out;
  }

  /** A CJK ideograph, or CJK or fullwidth punctuation (a zh-CN text such as "{field}：{problem}" has only that). */
  private static boolean chinese(int c) {
    return c >= 0x4e00 && c <= 0x9fff || c >= 0x3000 && c <= 0x303f || c >= 0xff00 && c <= 0xffef;
  }

  /** The placeholder names of a text. */
  public static Set<String> placeholders(String text) {
    Set<String> out = new java.util.TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private String fill(String code, String locale, Map<String, ?> args) {
    String pattern = texts.get(code + "." + locale);
    if (pattern == null) {
      throw new IllegalStateException("no message " + code + " (" + locale + ") in messages/" + capability + ".properties");
    }
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Object v = args.get(m.group(1));
      String s = v instanceof LocalizedText t ? t.get(locale) : String.valueOf(v);
      m.appendReplacement(sb, Matcher.quoteReplacement(s));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Messages load(String capability) {
    String resource = "messages/" + capability + ".properties";
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing message catalog " + resource);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new LinkedHashMap<>();
      p.stringPropertyNames().forEach(k -> texts.put(k, p.getProperty(k)));
      return new Messages(capability, texts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
