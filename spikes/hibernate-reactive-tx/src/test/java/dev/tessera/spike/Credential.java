package dev.tessera.spike;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** A table the security issue would own: written by sign-up and password changes, never by a record write. */
@Entity
@Table(name = "spike_credential")
public class Credential {
  @Id
  public UUID id;
  @Column(nullable = false, columnDefinition = "text")
  public String username;
  @Column(nullable = false, columnDefinition = "text")
  public String hash;

  public Credential() {}

  Credential(String username) {
    this.id = UUID.randomUUID();
    this.username = username;
    this.hash = "argon2id$" + username;
  }
}
