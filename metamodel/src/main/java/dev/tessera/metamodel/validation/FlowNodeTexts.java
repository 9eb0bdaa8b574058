package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.expr.ExprType;
import dev.tessera.metamodel.expr.Scope;
import dev.tessera.metamodel.message.MessageText;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.FlowNode;
import dev.tessera.metamodel.model.FlowNode.Recipient;
import dev.tessera.metamodel.model.FlowNode.RecipientType;
import dev.tessera.metamodel.model.MessageTemplateDefinition;

/**
 * The checks of the nodes that address people: a task's title and description and a notification's
 * message or template resolve their placeholders against the flow's record and variables; recipients
 * are well formed (a username of the right form; a field that exists and suits the channel; owner-based
 * recipients need a record); due times and timeouts are bounded; templates fit the flow's entity and
 * the node's channel; calendars exist.
 */
final class FlowNodeTexts {
  private final FlowChecks c;
  private final Scope scope;
  private final String at;
  private final FlowPlaceholders names;

  FlowNodeTexts(FlowChecks c, Scope scope, String at) {
    this.c = c;
    this.scope = scope;
    this.at = at;
    this.names = new FlowPlaceholders(scope, c.user, false);
  }

  void check(FlowNode n) {
    if (n instanceof FlowNode.CreateTask t) {
      task(t);
    } else if (n instanceof FlowNode.Notify x) {
      notify(x);
    }
  }

  private void task(FlowNode.CreateTask t) {
    texts(".title", t.title());
    texts(".description", t.description());
    recipient(".assignee", t.assignee(), null);
    if (t.dueInDays() != null && t.due() != null) {
      c.add(ProblemCode.INVALID_OPTION, at + ".due", FlowMessage.DUE_TWICE);
    }
    if (c.checksExpressions()) {
      c.expression(at + ".due", t.due(), scope, ExprType.DATETIME);
    }
    if (t.timeout() != null && !t.waits()) {
      c.add(ProblemCode.INVALID_OPTION, at + ".timeout", FlowMessage.TIMEOUT_NOT_USED);
    }
    c.duration(at + ".timeout", t.timeout());
    FlowNodeChecks.calendar(c, at + ".calendar", t.calendar());
  }

  private void notify(FlowNode.Notify x) {
    if ((x.template() == null) == (x.message() == null)) {
      c.add(ProblemCode.INVALID_OPTION, at, FlowMessage.TEMPLATE_OR_MESSAGE);
    }
    recipient(".to", x.to(), x.channel());
    if (x.message() != null) {
      texts(".message.subject", x.message().subject());
      texts(".message.body", x.message().body());
    }
    c.reference(at + ".template", MessageTemplateDefinition.class, MessageTemplateDefinition.KIND, x.template(),
        FlowMessage.UNKNOWN_TEMPLATE, "template").ifPresent(t -> template(x, t));
  }

  private void template(FlowNode.Notify x, MessageTemplateDefinition t) {
    String path = at + ".template";
    if (t.entity() != null && !t.entity().equals(c.flow.entity())) {
      c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.TEMPLATE_OF_OTHER_ENTITY, "template", t.name(),
          "templateEntity", t.entity(), "entity", String.valueOf(c.flow.entity()));
      return;
    }
    if (t.channel() != null && x.channel() != null && !t.channel().jsonName().equals(x.channel())) {
      c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.TEMPLATE_OTHER_CHANNEL, "template", t.name(),
          "templateChannel", t.channel().jsonName(), "channel", x.channel());
    }
    if (!c.checksExpressions()) {
      return;
    }
    // the template's own checks report its fields; here only the variables it needs from this flow
    for (var text : new dev.tessera.metamodel.model.LocalizedText[] {t.subject(), t.body()}) {
      for (MessageText.Unknown u : MessageText.check(text, names)) {
        if (!u.placeholder().wellFormed() || !u.placeholder().path().startsWith(Scope.VARS + ".")) {
          continue;
        }
        c.add(ProblemCode.INVALID_EXPRESSION, path, FlowMessage.TEMPLATE_PLACEHOLDER, "template", t.name(), "locale",
            u.locale(), "reason", u.reason());
      }
    }
  }

  private void texts(String rel, dev.tessera.metamodel.model.LocalizedText text) {
    if (c.checksExpressions()) {
      c.text(at + rel, text, names);
    }
  }

  /** A recipient: a user's username, a field of the record that suits the channel, or the owner (which needs a record). */
  private void recipient(String rel, Recipient r, String channel) {
    if (r == null || r.type() == null) {
      return;
    }
    String path = at + rel;
    if (r.type() == RecipientType.USER) {
      c.username(path + ".username", r.username());
    } else if (c.recordless()) {
      c.add(ProblemCode.INVALID_OPTION, path, FlowMessage.NEEDS_RECORD);
    } else if (r.type() == RecipientType.FIELD) {
      FieldDefinition f = c.field(path + ".field", c.entity, r.field());
      FieldType wanted = "email".equals(channel) ? FieldType.EMAIL : "sms".equals(channel) ? FieldType.PHONE : null;
      if (f != null && wanted != null && f.valueType() != wanted && f.type() != FieldType.USER) {
        c.add(ProblemCode.INVALID_OPTION, path + ".field", FlowMessage.FIELD_NOT_FOR_CHANNEL, "field", r.field(), "kind",
            (wanted == FieldType.EMAIL ? FlowMessage.TERM_EMAIL : FlowMessage.TERM_PHONE).text());
      }
    }
  }
}
