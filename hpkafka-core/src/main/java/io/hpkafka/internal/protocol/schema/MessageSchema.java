package io.hpkafka.internal.protocol.schema;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;

/**
 * The table of one request or response body of an API: its fields ({@link Schema}) plus the API's version range and
 * first flexible version ({@link ApiKey}), so callers pass only a version. Written by size first, then write, like
 * Kafka's generated messages; the two must agree, which is checked on every write.
 */
public final class MessageSchema {

    private final ApiKey api;
    private final String name;
    private final Schema schema;

    private MessageSchema(ApiKey api, String name, Schema schema) {
        this.api = api;
        this.name = name;
        this.schema = schema;
        checkTagged(schema);
    }

    /**
     * @param api the API, which gives the valid and flexible versions
     * @param name the message name, as in Kafka's schema files (e.g. {@code JoinGroupRequest})
     * @param fields the body's fields in wire order
     */
    public static MessageSchema of(ApiKey api, String name, Field... fields) {
        return new MessageSchema(api, name, Schema.of(fields));
    }

    // A tagged field may only exist in flexible versions: refuse a table that says otherwise.
    private void checkTagged(Schema s) {
        for (Field f : s.fields()) {
            if (f.isTagged()) {
                for (short v = api.minVersion(); v <= api.maxVersion(); v++) {
                    if (f.versions().contains(v) && !api.isFlexible(v)) {
                        throw new IllegalArgumentException(name + "." + f.name() + " is tagged in non-flexible v" + v);
                    }
                }
            }
            if (f.elementSchema() != null) {
                checkTagged(f.elementSchema());
            }
        }
    }

    /** @return the API */
    public ApiKey api() { return api; }

    /** @return the message name */
    public String name() { return name; }

    /** @return the body's fields */
    public Schema schema() { return schema; }

    /** @return a body with every field at its default */
    public Struct newStruct() {
        return schema.newStruct();
    }

    /** @return the size in bytes of {@code body} at {@code version} */
    public int sizeOf(Struct body, short version) {
        checkVersion(version);
        return schema.sizeOf(body, version, api.isFlexible(version));
    }

    /**
     * Writes {@code body} at {@code version}.
     *
     * @throws IllegalArgumentException if a field the version lacks holds a non-default value and is not ignorable,
     *     or a null is given where the version does not allow it
     */
    public void write(ProtocolWriter w, Struct body, short version) {
        int size = sizeOf(body, version);
        w.ensureCapacity(size);
        int start = w.position();
        schema.write(w, body, version, api.isFlexible(version));
        if (w.position() - start != size) {
            throw new IllegalStateException(name + " v" + version + " sized " + size + " bytes but wrote "
                    + (w.position() - start));
        }
    }

    /**
     * Reads a body at {@code version}.
     *
     * @throws io.hpkafka.internal.protocol.ProtocolException if the bytes are malformed
     */
    public Struct read(ProtocolReader r, short version) {
        checkVersion(version);
        return schema.read(r, version, api.isFlexible(version));
    }

    private void checkVersion(short version) {
        if (version < api.lowestVersion() || version > api.maxVersion()) {
            throw new IllegalArgumentException(name + " v" + version + " is outside the implemented v"
                    + api.lowestVersion() + "-" + api.maxVersion());
        }
    }

    @Override
    public String toString() {
        return name + " v" + api.minVersion() + "-" + api.maxVersion();
    }
}
