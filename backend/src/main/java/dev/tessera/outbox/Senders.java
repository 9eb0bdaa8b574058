package dev.tessera.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Which {@link MessageSender} serves each channel: {@code tessera.outbox.sender.<channel>} names it
 * ({@code sms}, {@code wecom}, {@code dingtalk}: {@code log} by default; {@code email}: {@code smtp} when
 * {@code TESSERA_SMTP_HOST} is set, else {@code log}; {@code webhook}: {@code webhook}). A name no sender
 * has stops the start, rather than losing messages later.
 */
@ApplicationScoped
public class Senders {
  private static final Logger LOG = Logger.getLogger(Senders.class);
  private final Map<Channel, MessageSender> byChannel = new EnumMap<>(Channel.class);

  public Senders(Instance<MessageSender> senders, Config config) {
    boolean smtp = !config.getOptionalValue("tessera.smtp.host", String.class).orElse("").isBlank();
    for (Channel c : Channel.values()) {
      if (c == Channel.IN_APP) {
        continue;
      }
      String fallback = switch (c) {
        case EMAIL -> smtp ? MailSender.NAME : LoggingSender.NAME;
        case WEBHOOK -> "webhook";
        default -> LoggingSender.NAME;
      };
      String name = config.getOptionalValue("tessera.outbox.sender." + c.name().toLowerCase(Locale.ROOT), String.class)
          .orElse(fallback);
      MessageSender s = senders.stream().filter(x -> x.name().equals(name) && x.channels().contains(c)).findFirst()
          .orElseThrow(() -> new IllegalStateException("tessera.outbox.sender." + c.name().toLowerCase(Locale.ROOT)
              + "=" + name + ": no sender of that name serves " + c));
      byChannel.put(c, s);
    }
    LOG.debugf("outbox senders: %s", byChannel);
  }

  public MessageSender of(Channel channel) {
    MessageSender s = byChannel.get(channel);
    if (s == null) {
      throw new IllegalArgumentException("no sender for " + channel);
    }
    return s;
  }
}
