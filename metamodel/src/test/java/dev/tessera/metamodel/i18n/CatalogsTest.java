package dev.tessera.metamodel.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.metamodel.expr.ExpressionMessage;
import dev.tessera.metamodel.expr.FunctionLibrary;
import dev.tessera.metamodel.message.MessageTextMessage;
import dev.tessera.metamodel.validation.CalendarMessage;
import dev.tessera.metamodel.validation.SlaMessage;
import dev.tessera.metamodel.validation.FlowMessage;
import dev.tessera.metamodel.validation.MetadataMessage;
import dev.tessera.metamodel.validation.RoleMessage;
import dev.tessera.metamodel.validation.WebhookSourceMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metamodel's message catalogs are sound (both languages, same placeholders, Chinese in zh-CN),
 * each file reads back as written (no stray escape or leading space the properties format would eat),
 * each catalog's code enum names exactly the codes of its file, so code cannot use a code the file
 * lacks and the file keeps no code nobody uses, and every function of the expression language has a
 * description in {@code functions.properties}.
 */
class CatalogsTest {
  private static final Path DIR = Path.of("src/main/resources/messages");

  static List<Path> catalogs() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
    }
  }

  static Stream<Class<? extends Enum<? extends MessageCode>>> codeEnums() {
    return Stream.of(MetadataMessage.class, ExpressionMessage.class, RoleMessage.class, FlowMessage.class,
        CalendarMessage.class, MessageTextMessage.class, WebhookSourceMessage.class, SlaMessage.class,
        dev.tessera.metamodel.validation.StageGateMessage.class);
  }

  @Test
  void thereAreCatalogs() throws IOException {
    assertFalse(catalogs().isEmpty(), "no catalogs in " + DIR);
  }

  @ParameterizedTest
  @MethodSource("catalogs")
  void everyCodeHasBothLanguagesWithTheSamePlaceholders(Path file) {
    assertEquals(List.of(), Messages.of(capability(file)).problems());
  }

  @ParameterizedTest
  @MethodSource("catalogs")
  void everyTextReadsBackAsWritten(Path file) throws IOException {
    Messages m = Messages.of(capability(file));
    List<String> wrong = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = line.substring(0, eq);
      int dot = key.lastIndexOf('.');
      String written = line.substring(eq + 1).replace("\\\\", "\\");
      String read = m.all().getOrDefault(key.substring(0, dot), java.util.Map.of()).get(key.substring(dot + 1));
      if (!written.equals(read)) {
        wrong.add(key + " reads as [" + read + "], written [" + written + "]");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @ParameterizedTest
  @MethodSource("codeEnums")
  void theCodeEnumNamesExactlyTheCodesOfItsCatalog(Class<? extends Enum<? extends MessageCode>> codes) {
    Enum<? extends MessageCode>[] values = codes.getEnumConstants();
    String catalog = ((MessageCode) values[0]).catalog();
    Set<String> inCode = Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    Set<String> inFile = new TreeSet<>(Messages.of(catalog).all().keySet());
    assertTrue(Files.exists(DIR.resolve(catalog + ".properties")), catalog);
    assertEquals(inFile, inCode, codes.getSimpleName() + " and messages/" + catalog + ".properties");
  }

  @Test
  void everyFunctionAndNothingElseHasADescription() {
    Set<String> functions = FunctionLibrary.all().stream().map(FunctionLibrary.Signature::name)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(functions, new TreeSet<>(Messages.of("functions").all().keySet()));
  }

  private static String capability(Path file) {
    return file.getFileName().toString().replace(".properties", "");
  }
}
