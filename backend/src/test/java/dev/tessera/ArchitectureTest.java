package dev.tessera;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, enforced: engines never reach into storage, HTTP or GraphQL. */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tessera");

  @Test
  void onlyStorageTalksSql() {
    noClasses().that().resideOutsideOfPackage("dev.tessera.storage..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.mutiny.sqlclient..", "io.vertx.sqlclient..",
            "io.vertx.pgclient..", "org.hibernate.reactive..", "org.flywaydb..")
        .check(MAIN);
  }

  @Test
  void nothingDependsOnTheHttpAdapters() {
    noClasses().that().resideOutsideOfPackage("dev.tessera.api..")
        .should().dependOnClassesThat().resideInAPackage("dev.tessera.api..").check(MAIN);
  }

  @Test
  void enginesDoNotDependOnStorageOrGraphQl() {
    noClasses().that().resideInAnyPackage("dev.tessera.record..", "dev.tessera.metadata..", "dev.tessera.template..",
            "dev.tessera.expression..", "dev.tessera.assignment..", "dev.tessera.pool..", "dev.tessera.dedupe..",
            "dev.tessera.change..", "dev.tessera.identity..", "dev.tessera.security..", "dev.tessera.flow..",
            "dev.tessera.approval..", "dev.tessera.sla..", "dev.tessera.stage..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tessera.storage..", "dev.tessera.graphql..",
            "io.vertx.ext.web..", "graphql..")
        .check(MAIN);
  }

  @Test
  void metadataDoesNotKnowRecords() {
    noClasses().that().resideInAPackage("dev.tessera.metadata..")
        .should().dependOnClassesThat().resideInAPackage("dev.tessera.record..").check(MAIN);
  }

  /**
   * One guarded path: the GraphQL and HTTP layers read records through the RecordReader and the
   * capabilities' read services, and write through the services; they never reach a persistence port
   * or open a connection themselves, so the permissions the reader will apply cannot be skipped.
   */
  @Test
  void graphQlNeverTouchesStoragePortsOrConnections() {
    noClasses().that().resideInAnyPackage("dev.tessera.graphql..", "dev.tessera.api..")
        .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.tessera.platform.TxRunner")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.tessera.platform.Tx")
        .check(MAIN);
  }

  /** One configured ObjectMapper (MetamodelJson.mapper()): decimals are read the same everywhere. */
  @Test
  void oneObjectMapper() {
    noClasses().that().resideOutsideOfPackage("dev.tessera.metamodel.json..")
        .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
            com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                    com.fasterxml.jackson.databind.ObjectMapper.class))))
        .check(MAIN);
  }

  /** Capabilities add to the schema through SchemaContributor; the factory depends on no capability. */
  @Test
  void schemaFactoryKnowsNoCapability() {
    noClasses().that().haveFullyQualifiedName("dev.tessera.graphql.SchemaFactory")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tessera.record..", "dev.tessera.pool..",
            "dev.tessera.dedupe..", "dev.tessera.assignment..", "dev.tessera.notification..")
        .check(MAIN);
  }

  @Test
  void graphQlIsAnAdapterOverEngines() {
    noClasses().that().resideInAPackage("dev.tessera.graphql..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tessera.storage..", "io.vertx.ext.web..")
        .check(MAIN);
  }
}
