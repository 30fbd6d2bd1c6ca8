package io.leaddedup.codec;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The snapshot of a hand-written state serializer: its version names the layout of the values a
 * checkpoint holds, so every later release can read them or have Flink migrate them.
 *
 * <p>Versions 1 to 3 are those of Flink's {@code SimpleTypeSerializerSnapshot}, which these
 * snapshots extended (under the same class names) before they had versions of their own; a
 * layout's own versions start at 4. A subclass says which layout each version is, whether the
 * current serializer reads it in place (the value carries its own layout marker) or Flink must
 * migrate it (read with the old layout's serializer, written with the current one).
 */
public abstract class VersionedSnapshot<T> implements TypeSerializerSnapshot<T> {

    /** The last version written by {@code SimpleTypeSerializerSnapshot}. */
    protected static final int SIMPLE_SNAPSHOT = 3;

    private int version;

    protected VersionedSnapshot(int version) {
        this.version = version;
    }

    /** The newest version this release writes. */
    protected abstract int latest();

    /** A serializer that reads values of {@code version}'s layout. */
    protected abstract TypeSerializer<T> serializerFor(int version);

    /** Whether the current serializer reads values of {@code oldVersion} as they are. */
    protected abstract boolean readsInPlace(int oldVersion);

    @Override
    public int getCurrentVersion() {
        return version;
    }

    @Override
    public void writeSnapshot(DataOutputView out) {
        // the version says it all
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader) throws IOException {
        if (readVersion < 1 || readVersion > latest()) {
            throw new IOException(getClass().getName() + ": unknown version " + readVersion
                    + "; this release reads up to " + latest() + " (state from a newer release?)");
        }
        if (readVersion == 2) {
            in.readUTF(); // SimpleTypeSerializerSnapshot's version 2 wrote the serializer's class name
        }
        version = readVersion;
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializerFor(version);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (oldSnapshot == null || oldSnapshot.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int oldVersion = ((VersionedSnapshot<T>) oldSnapshot).version;
        if (oldVersion == version || (oldVersion < version && readsInPlace(oldVersion))) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return oldVersion < version ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
