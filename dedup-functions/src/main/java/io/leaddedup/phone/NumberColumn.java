package io.leaddedup.phone;

/** Which of a lead's two phone columns a number came from. */
public enum NumberColumn {
    PHONE(0),
    MOBILE(1);

    /** Stored in state ({@code number-leads}): never renumber or reuse one. */
    public final int code;

    NumberColumn(int code) {
        this.code = code;
    }

    public static NumberColumn ofCode(int code) {
        for (NumberColumn column : values()) {
            if (column.code == code) {
                return column;
            }
        }
        throw new IllegalArgumentException("no number column has code " + code);
    }
}
