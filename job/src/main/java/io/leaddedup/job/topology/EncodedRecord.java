package io.leaddedup.job.topology;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One output record as it goes to a topic: its key (null for none) and its JSON value in UTF-8. */
@TypeInfo(EncodedRecordSerializer.Factory.class)
public class EncodedRecord {
    public String key;
    public byte[] value;

    public EncodedRecord() {}

    public EncodedRecord(String key, byte[] value) {
        this.key = key;
        this.value = value;
    }
}
