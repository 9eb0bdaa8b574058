package dev.tessera.metamodel.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * A message template ({@code messageTemplate}): a localized {@code subject} (email) and {@code body}
 * with {@code {{field}}}, {@code {{vars.x}}} and {@code {{owner.name}}} placeholders (see
 * {@code dev.tessera.metamodel.message.MessageText}), for the records of {@code entity} when given. A
 * {@code channel}, when given, is the only one a flow may send it on. Flows' notify nodes name it.
 */
public record MessageTemplateDefinition(String id, String name, LocalizedText label, LocalizedText description,
    Channel channel, String entity, LocalizedText subject, LocalizedText body) implements Definition {
  public static final String KIND = "messageTemplate";

  @Override
  public String kind() {
    return KIND;
  }

  /** Where a message goes: the in-app inbox, email, SMS, WeCom (企业微信) or DingTalk (钉钉). */
  public enum Channel {
    IN_APP("inApp"), EMAIL("email"), SMS("sms"), WECOM("wecom"), DINGTALK("dingtalk");

    private final String jsonName;

    Channel(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Channel> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }
}
