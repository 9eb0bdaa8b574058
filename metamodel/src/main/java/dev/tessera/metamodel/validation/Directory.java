package dev.tessera.metamodel.validation;

import java.util.Set;

/**
 * The users and teams a rule may name. They are records (of the built-in {@code user} and
 * {@code team} entities), so the caller that publishes reads them and passes them here; a rule naming
 * one that does not exist is refused ({@code UNKNOWN_TARGET}) instead of silently sending every
 * record to the fallback.
 */
public interface Directory {
  /** Checks nothing: for validating definitions alone (template packs, unit tests). */
  Directory UNCHECKED = new Directory() {
    @Override
    public boolean hasUser(String username) {
      return true;
    }

    @Override
    public boolean hasTeam(String code) {
      return true;
    }
  };

  boolean hasUser(String username);

  boolean hasTeam(String code);

  /** A directory of these usernames and team codes. */
  static Directory of(Set<String> usernames, Set<String> teamCodes) {
    Set<String> users = Set.copyOf(usernames);
    Set<String> teams = Set.copyOf(teamCodes);
    return new Directory() {
      @Override
      public boolean hasUser(String username) {
        return users.contains(username);
      }

      @Override
      public boolean hasTeam(String code) {
        return teams.contains(code);
      }
    };
  }
}
