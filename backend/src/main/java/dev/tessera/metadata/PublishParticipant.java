package dev.tessera.metadata;

/**
 * Something that must accept a new metadata version before it is committed, e.g. the GraphQL
 * schema builder. {@link #prepare} runs inside the publish transaction: throwing aborts the publish
 * and nothing is applied. {@link #activate} runs after commit with what prepare returned.
 */
public interface PublishParticipant {
  Object prepare(MetadataSnapshot candidate);

  void activate(MetadataSnapshot snapshot, Object prepared);
}
