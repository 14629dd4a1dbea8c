package io.hpkafka;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of hpkafka-core in layers, read from the main sources (imports and fully qualified names in code;
 * comments do not count): a package may use its own layer and the layers below it, never one above, and no two packages
 * may depend on each other through any path. docs/architecture.md shows the layers.
 */
class LayeringTest {

    /** Lowest first. A package not listed fails the test: a new package must be given its place. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("record", "errors", "event", "internal", "internal.concurrent"),
            // The API's values and events; config names protocol-level enums, serialization writes record values.
            Set.of("serialization", "stats", "config", "consumer", "producer", "group", "admin"),
            Set.of("internal.protocol", "internal.protocol.schema", "internal.protocol.message",
                    "internal.protocol.record", "internal.protocol.compression"),
            // internal.stats beside the network: connections report request latencies to the client's hooks.
            Set.of("internal.network", "internal.stats"),
            Set.of("internal.cluster", "internal.event"),
            Set.of("internal.client"),
            Set.of("internal.consumer", "internal.producer"),
            Set.of("internal.group"),
            Set.of("internal.admin"),
            Set.of(""));

    /** The packages of the public API; everything else is under {@code io.hpkafka.internal}. */
    private static final Set<String> API = Set.of("", "config", "record", "errors", "event", "serialization", "stats",
            "consumer", "producer", "group", "admin");

    private static final Pattern PACKAGE = Pattern.compile("^package io\\.hpkafka\\.?([\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.hpkafka((?:\\.[a-z]\\w*)*)\\.[A-Z]");
    private static final Pattern COMMENT_OR_STRING = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);

    @Test
    void noPackageUsesALayerAboveItsOwn() {
        Map<String, Map<String, Set<String>>> graph = graph(mainSources());
        List<String> violations = layerViolations(graph);
        assertThat(violations).as("packages using a layer above their own").isEmpty();
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        assertThat(cycles(graph(mainSources()))).as("cycles between packages").isEmpty();
    }

    @Test
    void everyPackageHasItsPlaceInALayer() {
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        assertThat(graph(mainSources()).keySet()).allSatisfy(p -> assertThat(placed).contains(p));
    }

    @Test
    void everyPackageOutsideTheApiIsInternalAndTheArchitectureDocumentListsTheApi() throws IOException {
        String architecture = Files.readString(Path.of("../docs/architecture.md"));
        String apiSection = architecture.substring(architecture.indexOf("## The public API"));
        for (String pkg : graph(mainSources()).keySet()) {
            if (API.contains(pkg)) {
                assertThat(apiSection).as("docs/architecture.md lists API package %s", name(pkg))
                        .contains("`" + (pkg.isEmpty() ? "io.hpkafka" : "io.hpkafka." + pkg) + "`");
            } else {
                assertThat(pkg).as("a package outside the API").startsWith("internal");
            }
        }
    }

    @Test
    void theChecksFindAnUpwardImportAndACycleWhenThereAreSome() {
        Map<String, String> sources = Map.of(
                "a/A.java", "package io.hpkafka.internal.protocol;\n"
                        + "import io.hpkafka.internal.consumer.FetchEngine;\nclass A {}",
                "b/B.java", "package io.hpkafka.internal.consumer;\n/** io.hpkafka.internal.group.X in a comment */\n"
                        + "class B { io.hpkafka.internal.group.GroupMember m; }",
                "c/C.java", "package io.hpkafka.internal.group;\nimport io.hpkafka.internal.consumer.B;\nclass C {}");
        Map<String, Map<String, Set<String>>> graph = graph(sources);
        assertThat(layerViolations(graph)).containsExactlyInAnyOrder(
                "internal.protocol -> internal.consumer (in a/A.java)",
                "internal.consumer -> internal.group (in b/B.java)");
        assertThat(cycles(graph)).containsExactly(List.of("internal.consumer", "internal.group"));
    }

    // ---------------------------------------------------------------- the graph

    /** @return for each package, the packages it uses, each with the first file that does */
    private static Map<String, Map<String, Set<String>>> graph(Map<String, String> sources) {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        sources.forEach((file, text) -> {
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
                return;
            }
            String from = p.group(1);
            Map<String, Set<String>> uses = graph.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher m = REFERENCE.matcher(COMMENT_OR_STRING.matcher(text).replaceAll(" "));
            while (m.find()) {
                String to = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
                if (!to.equals(from)) {
                    uses.computeIfAbsent(to, k -> new TreeSet<>()).add(file);
                }
            }
        });
        return graph;
    }

    private static List<String> layerViolations(Map<String, Map<String, Set<String>>> graph) {
        List<String> violations = new ArrayList<>();
        graph.forEach((from, uses) -> uses.forEach((to, files) -> {
            if (layer(to) > layer(from)) {
                violations.add(name(from) + " -> " + name(to) + " (in " + files.iterator().next() + ")");
            }
        }));
        return violations;
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String name(String pkg) {
        return pkg.isEmpty() ? "io.hpkafka" : pkg;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    private static List<List<String>> cycles(Map<String, Map<String, Set<String>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Map<String, Set<String>>> graph,
                                      Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                      Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(name(w));
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                out.add(component);
            }
        }
    }

    private static Map<String, String> mainSources() {
        Path root = Path.of("src/main/java");
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(root.relativize(f).toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sources).as("main sources under %s", root.toAbsolutePath()).hasSizeGreaterThan(100);
        return sources;
    }
}
