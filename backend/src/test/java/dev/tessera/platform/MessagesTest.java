package dev.tessera.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.metamodel.model.LocalizedText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every message catalog of the backend gives each code in zh-CN (with Chinese in it) and en, with the
 * same placeholders; filling one puts each language's own words in (labels are localized values).
 */
class MessagesTest {
  /** The catalogs under a module's {@code src/main/resources/messages}, checked. */
  static void checkCatalogs(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".properties")).toList();
    }
    assertFalse(files.isEmpty(), "no catalogs in " + dir);
    for (Path f : files) {
      String capability = f.getFileName().toString().replace(".properties", "");
      assertEquals(List.of(), Messages.of(capability).problems());
    }
  }

  @Test
  void everyCodeOfEveryCatalogHasBothLanguagesWithTheSamePlaceholders() throws IOException {
    checkCatalogs(Path.of("src/main/resources/messages"));
  }

  @Test
  void localizedValuesFillEachLanguageWithItsOwnWords() {
    LocalizedText t = Messages.of("dedupe").text("SIMILAR", Map.of("field", LocalizedText.of("姓名", "Name"), "percent", 87));
    assertEquals("姓名（相似度 87%）", t.get("zh-CN"));
    assertEquals("Name (87% alike)", t.get("en"));
  }
}
