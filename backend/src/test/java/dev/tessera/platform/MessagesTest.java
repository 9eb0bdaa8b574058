package dev.tessera.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.model.LocalizedText;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message catalog gives each code in zh-CN (with Chinese in it) and en, with the same
 * placeholders; filling one puts each language's own words in (labels are localized values).
 */
class MessagesTest {
  @Test
  void everyCodeOfEveryCatalogHasBothLanguagesWithTheSamePlaceholders() throws IOException, URISyntaxException {
    Path dir = Path.of(MessagesTest.class.getClassLoader().getResource("messages").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".properties")).toList();
    }
    assertFalse(files.isEmpty());
    for (Path f : files) {
      String capability = f.getFileName().toString().replace(".properties", "");
      for (Map.Entry<String, Map<String, String>> code : Messages.of(capability).all().entrySet()) {
        Map<String, String> byLang = code.getValue();
        assertEquals(java.util.Set.of("zh-CN", "en"), byLang.keySet(), capability + "." + code.getKey());
        assertEquals(Messages.placeholders(byLang.get("zh-CN")), Messages.placeholders(byLang.get("en")),
            capability + "." + code.getKey() + " has different placeholders in zh-CN and en");
        assertTrue(byLang.get("zh-CN").codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff), capability + "." + code.getKey());
      }
    }
  }

  @Test
  void localizedValuesFillEachLanguageWithItsOwnWords() {
    LocalizedText t = Messages.of("dedupe").text("SIMILAR", Map.of("field", LocalizedText.of("姓名", "Name"), "percent", 87));
    assertEquals("姓名（相似度 87%）", t.get("zh-CN"));
    assertEquals("Name (87% alike)", t.get("en"));
  }
}
