package dev.jsctx.it;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One reading of the app's metrics, parsed from the Prometheus text format that {@code /observe/metrics} serves.
 *
 * @param samples every sample line, in the order served
 */
record Metrics(List<Sample> samples) {

    /**
     * One sample: {@code name{labels} value}.
     *
     * @param name   the metric name, e.g. {@code memory_usedHeap_bytes}
     * @param labels the text between the braces, empty when there are none
     * @param value  the value
     */
    record Sample(String name, String labels, double value) {}

    static Metrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int seriesEnd = brace < 0 ? line.indexOf(' ') : line.lastIndexOf('}') + 1;
            String name = line.substring(0, brace < 0 ? seriesEnd : brace);
            String labels = brace < 0 ? "" : line.substring(brace + 1, seriesEnd - 1);
            // An optional timestamp may follow the value.
            String value = line.substring(seriesEnd).trim().split(" ")[0];
            samples.add(new Sample(name, labels, parseValue(value)));
        }
        return new Metrics(List.copyOf(samples));
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /** The sum of every sample named {@code name} (all label sets), or empty if the app serves no such metric. */
    OptionalDouble total(String name) {
        List<Sample> matching =
                samples.stream().filter(s -> s.name().equals(name)).toList();
        return matching.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(matching.stream().mapToDouble(Sample::value).sum());
    }
}
