package io.leaddedup.phone;

/**
 * The partition key of all per-number state: {@code accountId/E.164}.
 *
 * <p>A plain string rather than a tuple: it is hashed and serialized for every record and every
 * RocksDB access, and one string is the cheapest key Flink has. E.164 numbers never contain a
 * slash, so the last slash always separates the account from the number.
 */
public final class PhoneKey {

    private PhoneKey() {}

    public static String of(String accountId, String e164) {
        return accountId + '/' + e164;
    }
}
