package dev.tessera.flow;

import dev.tessera.metamodel.model.FlowDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.security.Callers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who an instance acts as: the system (trusted; the change feed and the audit trail name the path
 * {@code flow:<name>}) or its configured run-as user, whose roles limit every read and write.
 */
@ApplicationScoped
class FlowActors {
  private final Callers callers;

  FlowActors(Callers callers) {
    this.callers = callers;
  }

  Uni<Actor> of(FlowDefinition flow) {
    String path = "flow:" + flow.name();
    if (flow.runAs().type() == FlowDefinition.RunAs.Type.USER && flow.runAs().username() != null) {
      return callers.user(flow.runAs().username(), path, false);
    }
    return Uni.createFrom().item(new Actor("system", path));
  }
}
