-- Turns of round-robin and weighted assignment from a sequence per rule entry and target: nextval
-- takes no row lock, so concurrent writes to one rotation no longer queue until each other's commit.
-- A write that rolls back after taking its turn leaves that turn unused (the rotation skips one
-- person once); least-loaded assignment keeps the locked row of tessera_assignment_turn, because it
-- must count workloads one writer at a time. A rotation's sequence is created on its first turn and
-- continues from the row's count, so rotations carry on where they stood.
CREATE FUNCTION tessera_next_turn(p_rule text, p_entry text, p_target text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'tessera_turn_' || substr(md5(p_rule || '/' || p_entry || '/' || p_target), 1, 24);
  start bigint;
BEGIN
  IF to_regclass(seq) IS NULL THEN
    SELECT coalesce(max(taken), 0) + 1 INTO start FROM tessera_assignment_turn
      WHERE rule_id = p_rule AND entry_id = p_entry AND target = p_target;
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START %s', seq, start);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      NULL; -- a concurrent first turn created it
    END;
  END IF;
  RETURN nextval(seq);
END $$;

-- The turn the next nextval would give, without taking it (dry runs).
CREATE FUNCTION tessera_peek_turn(p_rule text, p_entry text, p_target text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
  seq text := 'tessera_turn_' || substr(md5(p_rule || '/' || p_entry || '/' || p_target), 1, 24);
  last bigint;
  called boolean;
BEGIN
  IF to_regclass(seq) IS NULL THEN
    RETURN (SELECT coalesce(max(taken), 0) + 1 FROM tessera_assignment_turn
      WHERE rule_id = p_rule AND entry_id = p_entry AND target = p_target);
  END IF;
  EXECUTE format('SELECT last_value, is_called FROM %I', seq) INTO last, called;
  RETURN CASE WHEN called THEN last + 1 ELSE last END;
END $$;
