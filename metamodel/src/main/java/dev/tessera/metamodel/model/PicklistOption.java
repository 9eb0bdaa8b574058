package dev.tessera.metamodel.model;

/** One allowed value of a picklist, multi-picklist or stage field. */
public record PicklistOption(String value, LocalizedText label) {}
