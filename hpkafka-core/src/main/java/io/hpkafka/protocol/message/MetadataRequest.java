package io.hpkafka.protocol.message;

import io.hpkafka.protocol.ApiKey;
import io.hpkafka.protocol.ProtocolReader;
import io.hpkafka.protocol.ProtocolWriter;
import io.hpkafka.protocol.Request;

import java.util.ArrayList;
import java.util.List;

/**
 * Metadata (key 3) v4-v8: brokers, and the partitions and leaders of the given topics.
 *
 * @param topics topics to describe; {@code null} asks for every topic
 * @param allowAutoTopicCreation whether the broker may create a missing topic (if it allows auto-creation)
 */
public record MetadataRequest(List<String> topics, boolean allowAutoTopicCreation)
        implements Request<MetadataResponse> {

    @Override
    public ApiKey apiKey() {
        return ApiKey.METADATA;
    }

    @Override
    public void write(ProtocolWriter w, short version) {
        if (topics == null) {
            w.arrayLength(-1);
        } else {
            w.arrayLength(topics.size());
            for (String t : topics) {
                w.string(t);
            }
        }
        w.bool(allowAutoTopicCreation);
        if (version >= 8) {
            w.bool(false); // include cluster authorized operations
            w.bool(false); // include topic authorized operations
        }
    }

    @Override
    public MetadataResponse readResponse(ProtocolReader r, short version) {
        r.int32(); // throttle time (v3+)
        int brokerCount = r.arrayLength(12);
        List<MetadataResponse.Broker> brokers = new ArrayList<>(Math.max(brokerCount, 0));
        for (int i = 0; i < brokerCount; i++) {
            int nodeId = r.int32();
            String host = r.string();
            int port = r.int32();
            String rack = r.nullableString();
            brokers.add(new MetadataResponse.Broker(nodeId, host, port, rack));
        }
        String clusterId = r.nullableString();
        int controllerId = r.int32();
        int topicCount = r.arrayLength(9);
        List<MetadataResponse.Topic> result = new ArrayList<>(Math.max(topicCount, 0));
        for (int i = 0; i < topicCount; i++) {
            short error = r.int16();
            String name = r.string();
            boolean internal = r.bool();
            int partitionCount = r.arrayLength(26);
            List<MetadataResponse.Partition> partitions = new ArrayList<>(Math.max(partitionCount, 0));
            for (int p = 0; p < partitionCount; p++) {
                short perr = r.int16();
                int index = r.int32();
                int leader = r.int32();
                int epoch = version >= 7 ? r.int32() : -1;
                int[] replicas = int32Array(r);
                int[] isr = int32Array(r);
                if (version >= 5) {
                    int32Array(r); // offline replicas
                }
                partitions.add(new MetadataResponse.Partition(perr, index, leader, epoch, replicas, isr));
            }
            if (version >= 8) {
                r.int32(); // topic authorized operations
            }
            result.add(new MetadataResponse.Topic(error, name, internal, partitions));
        }
        if (version >= 8 && r.remaining() >= 4) {
            r.int32(); // cluster authorized operations
        }
        return new MetadataResponse(brokers, clusterId, controllerId, result);
    }

    private static int[] int32Array(ProtocolReader r) {
        int n = r.arrayLength(4);
        int[] out = new int[Math.max(n, 0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = r.int32();
        }
        return out;
    }
}
