package dev.tessera.outbox;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;

/**
 * Email over SMTP through the Quarkus reactive mailer ({@code TESSERA_SMTP_*}, see application.properties).
 * A refused recipient or message (an SMTP 5xx reply) fails at once; anything else is retried.
 */
@ApplicationScoped
public class MailSender implements MessageSender {
  public static final String NAME = "smtp";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final ReactiveMailer mailer;

  public MailSender(ReactiveMailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.EMAIL);
  }

  @Override
  public Uni<Void> send(OutboxEntry entry) {
    OutboundMessage m = entry.message();
    Mail mail = Mail.withText(m.recipient(), m.subject() == null ? "" : m.subject(), m.body() == null ? "" : m.body());
    return mailer.send(mail).ifNoItem().after(TIMEOUT).failWith(() -> new SendFailure("SMTP timed out", true))
        .onFailure(e -> !(e instanceof SendFailure)).transform(e -> new SendFailure(String.valueOf(e.getMessage()),
            !permanent(String.valueOf(e.getMessage())), e));
  }

  /** An SMTP reply of class 5 (e.g. "550 no such user") will not change on a retry. */
  static boolean permanent(String error) {
    return error.matches("(?s).*\\b5\\d\\d[ -].*");
  }
}
