/**
 * Compression of the records section of a record batch v2 (attribute bits 0-2), in the framings the Java client
 * writes and reads, so a batch compressed here is one kafka-clients and the broker accept, and the reverse.
 * <p>
 * Entry points: {@link io.hpkafka.internal.protocol.compression.RecordCompression} (compress into a
 * {@link io.hpkafka.internal.protocol.ProtocolWriter}, decompress into a per-thread buffer leased as
 * {@link io.hpkafka.internal.protocol.compression.DecompressedRecords}) and
 * {@link io.hpkafka.config.CompressionLibraries} (is the optional library of a codec present).
 * <p>
 * Framings, integers big-endian unless marked LE:
 * <pre>
 * gzip (1)    RFC 1952 member: 1f 8b 08 flg mtime(4) xfl os | deflate data | crc32 LE | isize LE
 *             written: flg 0, mtime 0, os 255 (as the JDK's GZIPOutputStream); read: any number of members
 *
 * snappy (2)  xerial framing (SnappyOutputStream, what the Java client writes):
 *             82 'S' 'N' 'A' 'P' 'P' 'Y' 00 | version int32 = 1 | compatible version int32 = 1 |
 *             { chunk length int32 | raw snappy block of at most 32 KiB uncompressed } ...
 *             read: also a raw snappy block without the header (some non-Java producers write that)
 *
 * lz4 (3)     LZ4 frame (KIP-57, correct header checksum as since Kafka 0.10):
 *             magic 0x184D2204 LE | FLG | BD | HC = byte 1 of xxhash32(FLG BD [content size], seed 0) |
 *             { block size LE (bit 31 set = stored uncompressed) | block [| block xxhash32 LE] } ... |
 *             end mark 0 LE [| content xxhash32 LE]
 *             written: FLG 0x60 (version 1, independent blocks), BD 0x40 (64 KiB blocks), no checksums
 *
 * zstd (4)    one or more zstd frames (RFC 8878); written at level 3, the Java client's default
 * </pre>
 * Decoders trust no length: every declared size is checked against the bytes present and against the decompression
 * limit before anything is allocated; whatever is malformed surfaces as a
 * {@link io.hpkafka.internal.protocol.ProtocolException}.
 */
package io.hpkafka.internal.protocol.compression;

import io.hpkafka.config.CompressionLibraries;
