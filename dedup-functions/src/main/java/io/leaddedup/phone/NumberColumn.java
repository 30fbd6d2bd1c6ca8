package io.leaddedup.phone;

/** Which of a lead's two phone columns a number came from. */
public enum NumberColumn {
    PHONE,
    MOBILE
}
