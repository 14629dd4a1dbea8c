package io.hpkafka.internal.protocol.message;

import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.schema.Field;
import io.hpkafka.internal.protocol.schema.MessageSchema;
import io.hpkafka.internal.protocol.schema.Struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.hpkafka.internal.protocol.schema.Type.INT16;
import static io.hpkafka.internal.protocol.schema.Type.INT32;
import static io.hpkafka.internal.protocol.schema.Type.INT64;
import static io.hpkafka.internal.protocol.schema.Type.STRING;

/**
 * ApiVersions (key 18) v0-v4: the version range of every API the broker serves. v3+ is flexible and names the
 * client software (KIP-511), which brokers show in metrics; the name and version must match
 * {@code [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?}.
 * <p>
 * A broker that does not know the version asked for answers with a v0 body carrying UNSUPPORTED_VERSION and its own
 * ApiVersions range; {@link #readResponse} reads that body as v0 whatever version was sent.
 *
 * @param clientSoftwareName the client's name (v3+)
 * @param clientSoftwareVersion the client's version (v3+)
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion)
        implements Request<ApiVersionsResponse> {

    /** The name this client reports. */
    public static final String CLIENT_SOFTWARE_NAME = "hpkafka";
    /** The version this client reports: the jar's Implementation-Version, else {@code unknown}. */
    public static final String CLIENT_SOFTWARE_VERSION = softwareVersion();

    /** The request every connection opens with. */
    public static final ApiVersionsRequest INSTANCE =
            new ApiVersionsRequest(CLIENT_SOFTWARE_NAME, CLIENT_SOFTWARE_VERSION);

    /** The request table (ApiVersionsRequest.json). */
    public static final MessageSchema REQUEST = MessageSchema.of(ApiKey.API_VERSIONS, "ApiVersionsRequest",
            Field.of("ClientSoftwareName", STRING, "3+").ignorable(),
            Field.of("ClientSoftwareVersion", STRING, "3+").ignorable());

    /**
     * The response table (ApiVersionsResponse.json). ZkMigrationReady (tag 3, a KRaft-migration flag of controllers)
     * is left undeclared, so it is skipped like any unknown tag.
     */
    public static final MessageSchema RESPONSE = MessageSchema.of(ApiKey.API_VERSIONS, "ApiVersionsResponse",
            Field.of("ErrorCode", INT16, "0+"),
            Field.structs("ApiKeys", "0+",
                    Field.of("ApiKey", INT16, "0+"),
                    Field.of("MinVersion", INT16, "0+"),
                    Field.of("MaxVersion", INT16, "0+")),
            Field.of("ThrottleTimeMs", INT32, "1+").ignorable(),
            Field.structs("SupportedFeatures", "3+",
                    Field.of("Name", STRING, "3+"),
                    Field.of("MinVersion", INT16, "3+"),
                    Field.of("MaxVersion", INT16, "3+")).tagged(0),
            Field.of("FinalizedFeaturesEpoch", INT64, "3+").withDefault(-1L).tagged(1),
            Field.structs("FinalizedFeatures", "3+",
                    Field.of("Name", STRING, "3+"),
                    Field.of("MaxVersionLevel", INT16, "3+"),
                    Field.of("MinVersionLevel", INT16, "3+")).tagged(2));

    private static String softwareVersion() {
        String v = ApiVersionsRequest.class.getPackage().getImplementationVersion();
        return v != null && v.matches("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?") ? v : "unknown";
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public void write(ProtocolWriter writer, short version) {
        REQUEST.write(writer, REQUEST.newStruct()
                .set("ClientSoftwareName", clientSoftwareName)
                .set("ClientSoftwareVersion", clientSoftwareVersion), version);
    }

    @Override
    public ApiVersionsResponse readResponse(ProtocolReader reader, short version) {
        if (version > 0 && reader.peekInt16() == Errors.UNSUPPORTED_VERSION) {
            version = 0; // the broker did not know our version and answered in v0
        }
        return fromStruct(RESPONSE.read(reader, version));
    }

    static ApiVersionsResponse fromStruct(Struct s) {
        short[] min = new short[ApiVersionsResponse.MAX_API_KEY + 1];
        short[] max = new short[ApiVersionsResponse.MAX_API_KEY + 1];
        Arrays.fill(min, (short) -1);
        Arrays.fill(max, (short) -1);
        for (Struct k : s.getStructs("ApiKeys")) {
            short key = k.getShort("ApiKey");
            if (key >= 0 && key <= ApiVersionsResponse.MAX_API_KEY) {
                min[key] = k.getShort("MinVersion");
                max[key] = k.getShort("MaxVersion");
            }
        }
        return new ApiVersionsResponse(s.getShort("ErrorCode"), min, max, s.getInt("ThrottleTimeMs"),
                features(s.getStructs("SupportedFeatures"), "MinVersion", "MaxVersion"),
                s.getLong("FinalizedFeaturesEpoch"),
                features(s.getStructs("FinalizedFeatures"), "MinVersionLevel", "MaxVersionLevel"));
    }

    private static List<ApiVersionsResponse.Feature> features(List<Struct> list, String min, String max) {
        if (list == null) {
            return List.of();
        }
        List<ApiVersionsResponse.Feature> out = new ArrayList<>(list.size());
        for (Struct f : list) {
            out.add(new ApiVersionsResponse.Feature(f.getString("Name"), f.getShort(min), f.getShort(max)));
        }
        return List.copyOf(out);
    }
}
