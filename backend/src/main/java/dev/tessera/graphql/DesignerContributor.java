package dev.tessera.graphql;

import dev.tessera.metadata.DraftService;
import dev.tessera.metadata.VersionReader;
import dev.tessera.view.SavedViewService;
import jakarta.enterprise.context.ApplicationScoped;

/** The designer's part of the schema: drafts, versions and their differences, API names, saved views. */
@ApplicationScoped
class DesignerContributor implements SchemaContributor {
  private final DraftService drafts;
  private final VersionReader versions;
  private final SavedViewService views;

  DesignerContributor(DraftService drafts, VersionReader versions, SavedViewService views) {
    this.drafts = drafts;
    this.versions = versions;
    this.views = views;
  }

  @Override
  public void contribute(SchemaParts parts) {
    DesignerApi designer = new DesignerApi(parts.snapshot(), drafts, versions, parts.code());
    designer.queries().forEach(parts::query);
    designer.mutations().forEach(parts::mutation);
    ViewApi saved = new ViewApi(parts.snapshot(), views, parts.code());
    saved.queries().forEach(parts::query);
    saved.mutations().forEach(parts::mutation);
  }
}
