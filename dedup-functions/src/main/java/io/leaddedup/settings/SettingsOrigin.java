package io.leaddedup.settings;

import java.io.Serializable;

/**
 * Where a settings record sat on the settings topic. The job reads that topic to its end before it
 * starts ({@link StartupSettings#readUpTo}); a record the source reads again below that end is older
 * than the start-up book and must not override it, one at or past the end is a live change.
 */
public class SettingsOrigin implements Serializable {
    private static final long serialVersionUID = 1L;

    public int partition;
    public long offset;

    public SettingsOrigin() {}

    public SettingsOrigin(int partition, long offset) {
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
