package dev.tessera.metamodel.validation;

import dev.tessera.metamodel.i18n.MessageCode;

/** The codes of {@code messages/calendar.properties}, the words of the checks of calendars. */
public enum CalendarMessage implements MessageCode {
  UNKNOWN_TIMEZONE, NOT_A_DATE, HOURS_NOT_ORDERED, HOURS_OVERLAP, HOLIDAY_AND_WORKDAY, NO_WORKING_DAYS;

  @Override
  public String catalog() {
    return "calendar";
  }
}
