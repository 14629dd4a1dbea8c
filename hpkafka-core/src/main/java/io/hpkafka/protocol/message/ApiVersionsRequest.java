package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;
import io.hpkafka.protocol.ProtocolReader;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.Request;

/** ApiVersions (key 18) v0-v2: an empty body; the broker lists the version range of every API it serves. */
public final class ApiVersionsRequest implements Request<ApiVersionsResponse> {

    public static final ApiVersionsRequest INSTANCE = new ApiVersionsRequest();

    private ApiVersionsRequest() {
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.API_VERSIONS;
    }

    @Override
    public void write(ProtocolWriter writer, short version) {
        // v0-v2 have no fields.
    }

    @Override
    public ApiVersionsResponse readResponse(ProtocolReader reader, short version) {
        short errorCode = reader.int16();
        int n = reader.arrayLength(6);
        short[] min = new short[ApiVersionsResponse.MAX_API_KEY + 1];
        short[] max = new short[ApiVersionsResponse.MAX_API_KEY + 1];
        java.util.Arrays.fill(min, (short) -1);
        java.util.Arrays.fill(max, (short) -1);
        for (int i = 0; i < n; i++) {
            short key = reader.int16();
            short lo = reader.int16();
            short hi = reader.int16();
            if (key >= 0 && key <= ApiVersionsResponse.MAX_API_KEY) {
                min[key] = lo;
                max[key] = hi;
            }
        }
        if (version >= 1 && reader.remaining() >= 4) {
            reader.int32(); // throttle time
        }
        return new ApiVersionsResponse(errorCode, min, max);
    }
}
