package dev.tessera.outbox;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The default sender of SMS, WeCom and DingTalk messages (and of email while no SMTP host is set): logs
 * the channel, the masked recipient and the subject, never the body or any credential, and succeeds.
 */
@ApplicationScoped
public class LoggingSender implements MessageSender {
  public static final String NAME = "log";
  private static final Logger LOG = Logger.getLogger(LoggingSender.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.of(Channel.EMAIL, Channel.SMS, Channel.WECOM, Channel.DINGTALK);
  }

  @Override
  public Uni<Void> send(OutboxEntry entry) {
    OutboundMessage m = entry.message();
    LOG.infof("outbox %d (%s) to %s: %s [not sent: the %s channel has the logging sender]", entry.id(), m.channel(),
        Recipients.masked(m.recipient()), m.subject() == null ? "" : m.subject(), m.channel());
    return Uni.createFrom().voidItem();
  }
}
