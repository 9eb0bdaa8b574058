package dev.tessera.metamodel.naming;

import dev.tessera.metamodel.model.EntityDefinition;
import java.util.List;

/**
 * The GraphQL names generated for one entity, in one place: the schema uses them and the designer
 * reads them through the API, so no client repeats the English plural rule.
 *
 * @param entity the entity's API name ({@code company})
 * @param typeName the object type ({@code Company}); its companions add a suffix ({@code CompanyFilter})
 * @param single the query of one record by id ({@code company})
 * @param list the list query ({@code companies})
 * @param deletedList the recycle-bin query ({@code deletedCompanies})
 * @param aggregate the aggregate query ({@code companiesAggregate})
 * @param create the create mutation ({@code createCompany})
 * @param createMany the all-or-none batch create ({@code createCompanies})
 * @param importMany the row-by-row import ({@code importCompanies})
 * @param update the update mutation ({@code updateCompany})
 * @param delete the delete mutation ({@code deleteCompany})
 * @param restore the restore mutation ({@code restoreCompany})
 */
public record ApiNames(String entity, String typeName, String single, String list, String deletedList,
    String aggregate, String create, String createMany, String importMany, String update, String delete,
    String restore) {

  /** The names of {@code e}, from its {@code pluralName} or the English plural of its name. */
  public static ApiNames of(EntityDefinition e) {
    String type = Identifiers.typeName(e.name());
    String plural = Identifiers.pluralName(e);
    String pluralType = Identifiers.typeName(plural);
    return new ApiNames(e.name(), type, e.name(), plural, "deleted" + pluralType, plural + "Aggregate",
        "create" + type, "create" + pluralType, "import" + pluralType, "update" + type, "delete" + type,
        "restore" + type);
  }

  /** Every root query and mutation field these names take. */
  public List<String> rootFields() {
    return List.of(single, list, deletedList, aggregate, create, update, delete, restore, createMany, importMany);
  }
}
