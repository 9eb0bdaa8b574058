package dev.tessera.graphql;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.Page;
import dev.tessera.record.RecordReader;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * Request-scoped DataLoaders: references by id, and reverse references per (field, arguments), so a
 * nested query costs one statement per level instead of one per parent.
 */
final class Loaders {
  private final RecordReader reader;

  Loaders(RecordReader reader) {
    this.reader = reader;
  }

  DataLoader<UUID, DataRecord> byId(DataFetchingEnvironment env, EntityDefinition e) {
    return env.getDataLoaderRegistry().computeIfAbsent("id:" + e.name(), k -> DataLoaderFactory.newMappedDataLoader(
        (java.util.Set<UUID> ids) -> reader.byIds(RequestContext.of(env).actor(), e, ids).map(rows -> {
          Map<UUID, DataRecord> out = new HashMap<>();
          rows.forEach(r -> out.put(r.id(), r));
          return out;
        }).subscribeAsCompletionStage()));
  }

  DataLoader<String, List<DataRecord>> reverse(DataFetchingEnvironment env, EntityDefinition source,
      FieldDefinition f, Filter filter, Page page) {
    String name = "rev:" + source.name() + "." + f.name() + ":" + filter + ":" + page;
    return env.getDataLoaderRegistry().computeIfAbsent(name, k -> DataLoaderFactory.newMappedDataLoader(
        (java.util.Set<String> keys) -> reader.byReference(RequestContext.of(env).actor(), source, f, keys, filter, page)
            .map(found -> {
              Map<String, List<DataRecord>> out = new HashMap<>(found);
              keys.forEach(key -> out.putIfAbsent(key, List.of()));
              return out;
            }).subscribeAsCompletionStage()));
  }

  DataLoader<String, Long> reverseCount(DataFetchingEnvironment env, EntityDefinition source, FieldDefinition f,
      Filter filter) {
    String name = "revcount:" + source.name() + "." + f.name() + ":" + filter;
    return env.getDataLoaderRegistry().computeIfAbsent(name, k -> DataLoaderFactory.newMappedDataLoader(
        (java.util.Set<String> keys) -> reader.countByReference(RequestContext.of(env).actor(), source, f, keys, filter)
            .map(found -> {
              Map<String, Long> out = new HashMap<>(found);
              keys.forEach(key -> out.putIfAbsent(key, 0L));
              return out;
            }).subscribeAsCompletionStage()));
  }
}
