package io.leaddedup.settings;

/** A campaign's routing toggle for callers that buyers already converted. */
public enum DuplicateCallerHandling {
    /** Duplicate status is reported but changes nothing: every candidate stays eligible. */
    OFF,
    /** Buyers for which the caller is a duplicate are excluded, unless they accept duplicates. */
    NEW_CONVERTIBLE_BUYER
}
