package io.hpkafka.samples.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the application's own {@code /actuator/health} and {@code /actuator/metrics} over HTTP, as an operator
 * would, for the run's summary: the hpkafka health indicator (brokers seen, metadata age, listener containers) and
 * the producer's per-topic counter.
 */
@Component
class ActuatorProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final JsonMapper json;

    private volatile int port = -1;

    ActuatorProbe(JsonMapper json) {
        this.json = json;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    /**
     * Returns summary lines: the health of hpkafka and the records acknowledged on {@code topic}.
     * @param topic the orders topic
     * @return label and value pairs, or one line saying why there are none
     */
    List<String[]> lines(String topic) {
        List<String[]> lines = new ArrayList<>();
        if (this.port < 0) {
            lines.add(new String[] { "actuator", "no web server" });
            return lines;
        }
        try {
            JsonNode health = get("/actuator/health/hpkafka");
            JsonNode details = health.path("details");
            lines.add(new String[] { "/actuator/health", health.path("status").asString() + " (hpkafka: "
                    + details.path("brokers").size() + " broker(s), metadata " + details.path("metadataAgeMs").asLong()
                    + " ms old, " + details.path("listenerContainers").size() + " listener containers)" });
            JsonNode metric = get("/actuator/metrics/hpkafka.producer.topic.records?tag=topic:" + topic
                    + "&tag=outcome:acknowledged");
            lines.add(new String[] { "/actuator/metrics", String.format("%,d", metric.path("measurements").path(0)
                .path("value").asLong()) + " records acknowledged on " + topic
                    + " (hpkafka.producer.topic.records)" });
        }
        catch (IOException | RuntimeException ex) {
            lines.add(new String[] { "actuator", "not readable: " + ex });
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return lines;
    }

    /**
     * Returns the URL of the health endpoint, for the log.
     * @return the URL, or null before the web server started
     */
    String healthUrl() {
        return (this.port < 0) ? null : "http://localhost:" + this.port + "/actuator/health";
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
        HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
        // The health endpoint answers 503 with its body when DOWN: still worth showing.
        return this.json.readTree(response.body());
    }

}
