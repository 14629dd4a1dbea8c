package io.hpkafka.boot.autoconfigure.observation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListener;
import io.hpkafka.boot.autoconfigure.listener.StartFrom;
import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace continuing from the producer to a listener through the record's {@code traceparent} header, with
 * OpenTelemetry's tracer and W3C propagator behind Micrometer Tracing, against a real broker.
 */
@HpKafkaCluster
class HpKafkaObservationTests {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .setSampler(Sampler.alwaysOn())
        .addSpanProcessor(SimpleSpanProcessor.create(this.spans))
        .build();

    private final Tracer tracer;

    private final ObservationRegistry observations = ObservationRegistry.create();

    HpKafkaObservationTests() {
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        io.opentelemetry.api.trace.Tracer otelTracer = this.tracerProvider.get("hpkafka-test");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        this.tracer = new OtelTracer(otelTracer, current, (event) -> {
        }, new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(propagators, otelTracer);
        this.observations.observationConfig()
            .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
                    new DefaultTracingObservationHandler(this.tracer)));
    }

    @AfterEach
    void closeTracer() {
        this.tracerProvider.close();
    }

    @Test
    void aTraceStartedBeforeProducingContinuesInTheListener(KafkaTestCluster kafka) {
        kafka.createTopic("traced", 1, 1);
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, () -> this.observations)
            .withBean(Tracer.class, () -> this.tracer)
            .withBean(TracedListener.class)
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=5ms",
                    "hpkafka.producer.observation-enabled=true", "hpkafka.listener.observation-enabled=true")
            .run((context) -> {
                @SuppressWarnings("unchecked")
                KafkaProducer<String, String> producer = context.getBean(KafkaProducer.class);
                Span parent = this.tracer.nextSpan().name("checkout").start();
                try (Tracer.SpanInScope scope = this.tracer.withSpan(parent)) {
                    producer.produce("traced", "order-1", "paid");
                }
                finally {
                    parent.end();
                }
                TracedListener listener = context.getBean(TracedListener.class);
                await().atMost(30, TimeUnit.SECONDS).until(() -> !listener.traceIds.isEmpty()
                        && !listener.untracedTraceIds.isEmpty() && this.spans.getFinishedSpanItems().size() >= 3);

                String traceId = parent.context().traceId();
                assertThat(listener.traceIds).containsExactly(traceId);
                assertThat(listener.untracedTraceIds).containsExactly("none"); // its override turns observation off
                assertThat(listener.traceparents).singleElement().asString().startsWith("00-" + traceId + "-");
                SpanData send = span("traced send");
                SpanData receive = span("traced receive");
                assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
                assertThat(send.getTraceId()).isEqualTo(traceId);
                assertThat(send.getParentSpanId()).isEqualTo(parent.context().spanId());
                assertThat(receive.getKind()).isEqualTo(SpanKind.CONSUMER);
                assertThat(receive.getTraceId()).isEqualTo(traceId);
                assertThat(receive.getParentSpanId()).isEqualTo(send.getSpanId());
                assertThat(receive.getAttributes().asMap()).anySatisfy((key, value) -> {
                    assertThat(key.getKey()).isEqualTo("hpkafka.listener.id");
                    assertThat(value).isEqualTo("traced");
                });
            });
    }

    @Test
    void aSentRecordIsObservedUntilItsOutcomeAndADiscardedOneCarriesTheError(KafkaTestCluster kafka) {
        kafka.createTopic("traced-small", 1, 1, java.util.Map.of("max.message.bytes", "1024"));
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class,
                    HpKafkaObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, () -> this.observations)
            .withBean(Tracer.class, () -> this.tracer)
            .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers(), "hpkafka.producer.buffering-time=50ms",
                    "hpkafka.producer.observation-enabled=true")
            .run((context) -> {
                @SuppressWarnings("unchecked")
                KafkaProducer<String, String> producer = context.getBean(KafkaProducer.class);
                var acknowledged = producer.send("traced-small", "small", "fits");
                var discarded = producer.send("traced-small", "large", "x".repeat(4_096)); // over max.message.bytes
                java.time.Instant handedOver = java.time.Instant.now(); // a 50 ms buffering time before any answer
                var metadata = acknowledged.get(30, TimeUnit.SECONDS);
                assertThat(discarded).failsWithin(30, TimeUnit.SECONDS);
                await().atMost(10, TimeUnit.SECONDS).until(() -> this.spans.getFinishedSpanItems().size() >= 2);

                List<SpanData> sends = this.spans.getFinishedSpanItems()
                    .stream()
                    .filter((span) -> span.getName().equals("traced-small send"))
                    .toList();
                assertThat(sends).hasSize(2);
                assertThat(sends).filteredOn((span) -> span.getStatus().getStatusCode()
                        == io.opentelemetry.api.trace.StatusCode.ERROR)
                    .singleElement()
                    .satisfies((span) -> assertThat(span.getEvents()).anySatisfy(
                            (event) -> assertThat(event.getName()).isEqualTo("exception")));
                assertThat(sends).filteredOn((span) -> span.getStatus().getStatusCode()
                        != io.opentelemetry.api.trace.StatusCode.ERROR)
                    .singleElement()
                    .satisfies((span) -> assertThat(span.getEndEpochNanos())
                        .as("a span that ends at the acknowledgement, not at the hand-over")
                        .isGreaterThan(handedOver.getEpochSecond() * 1_000_000_000L + handedOver.getNano()));
                assertThat(metadata.offset()).isZero();
            });
    }

    private SpanData span(String name) {
        return this.spans.getFinishedSpanItems()
            .stream()
            .filter((span) -> span.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no span '" + name + "' in " + this.spans.getFinishedSpanItems()));
    }

    static class TracedListener {

        private final Tracer tracer;

        final Queue<String> traceIds = new ConcurrentLinkedQueue<>();

        final Queue<String> traceparents = new ConcurrentLinkedQueue<>();

        final Queue<String> untracedTraceIds = new ConcurrentLinkedQueue<>();

        TracedListener(Tracer tracer) {
            this.tracer = tracer;
        }

        @HpKafkaListener(id = "traced", topics = "traced", startFrom = StartFrom.EARLIEST)
        void onRecord(KafkaRecord record) {
            Span current = this.tracer.currentSpan();
            this.traceIds.add((current != null) ? current.context().traceId() : "none");
            for (Header header : record.headers()) {
                if (header.key().equals("traceparent")) {
                    this.traceparents.add(new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }

        @HpKafkaListener(id = "untraced", topics = "traced", startFrom = StartFrom.EARLIEST,
                properties = "observation-enabled=false")
        void onRecordUntraced(KafkaRecord record) {
            Span current = this.tracer.currentSpan();
            this.untracedTraceIds.add((current != null) ? current.context().traceId() : "none");
        }

    }

}
