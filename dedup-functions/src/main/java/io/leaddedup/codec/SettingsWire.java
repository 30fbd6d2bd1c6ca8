package io.leaddedup.codec;

import io.leaddedup.settings.AccountSettings;
import io.leaddedup.settings.FilterAgainst;
import io.leaddedup.settings.SettingsOrigin;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Account settings on the wire, as stamped on the events of local mode; null stays null. */
public final class SettingsWire {

    private static final FilterAgainst[] FILTERS = FilterAgainst.values();
    private static final int RELOCATE_API = 1;
    private static final int PROTECT_INBOUND = 2;
    private static final int MATCH_MOBILE = 4;
    private static final int PRESENT = 8;
    private static final int HAS_ORIGIN = 16;

    private SettingsWire() {}

    public static void writeAccount(AccountSettings settings, DataOutputView out) throws IOException {
        if (settings == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(PRESENT | (settings.relocateDuplicatesApi ? RELOCATE_API : 0)
                | (settings.protectInbound ? PROTECT_INBOUND : 0) | (settings.matchMobile ? MATCH_MOBILE : 0)
                | (settings.origin != null ? HAS_ORIGIN : 0));
        Wire.writeString(settings.accountId, out);
        Wire.writeEnum(settings.filterAgainst, out);
        Wire.writeStrings(settings.additionalLists, out);
        Wire.writeStrings(settings.additionalCampaigns, out);
        Wire.writeString(settings.defaultRegion, out);
        if (settings.origin != null) {
            out.writeInt(settings.origin.partition);
            out.writeLong(settings.origin.offset);
        }
    }

    public static AccountSettings readAccount(DataInputView in) throws IOException {
        int flags = in.readUnsignedByte();
        if ((flags & PRESENT) == 0) {
            return null;
        }
        AccountSettings settings = new AccountSettings();
        settings.relocateDuplicatesApi = (flags & RELOCATE_API) != 0;
        settings.protectInbound = (flags & PROTECT_INBOUND) != 0;
        settings.matchMobile = (flags & MATCH_MOBILE) != 0;
        settings.accountId = Wire.readString(in);
        settings.filterAgainst = Wire.readEnum(FILTERS, in);
        settings.additionalLists = Wire.readStrings(in);
        settings.additionalCampaigns = Wire.readStrings(in);
        settings.defaultRegion = Wire.readString(in);
        if ((flags & HAS_ORIGIN) != 0) {
            settings.origin = new SettingsOrigin(in.readInt(), in.readLong());
        }
        return settings;
    }
}
