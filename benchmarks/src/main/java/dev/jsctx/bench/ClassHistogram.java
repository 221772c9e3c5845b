package dev.jsctx.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A JVM's live objects by class ({@code GC.class_histogram}, which collects first), to say what a measured growth
 * is made of: this JVM's through the DiagnosticCommand MBean ({@link #take()}), another's from {@code jcmd}'s text
 * ({@link #parse(String)}).
 */
final class ClassHistogram {
    /** A histogram line: {@code   1:   539000   21560000  com.example.Name (module)}. */
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    private final Map<String, long[]> instancesAndBytes;

    private ClassHistogram(Map<String, long[]> instancesAndBytes) {
        this.instancesAndBytes = instancesAndBytes;
    }

    static ClassHistogram take() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {null},
                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("GC.class_histogram failed", e);
        }
        return parse(text);
    }

    /** Reads the output of {@code GC.class_histogram}. */
    static ClassHistogram parse(String text) {
        Map<String, long[]> classes = new HashMap<>();
        Matcher line = LINE.matcher(text);
        while (line.find()) {
            classes.merge(
                    line.group(3), new long[] {Long.parseLong(line.group(1)), Long.parseLong(line.group(2))}, (a, b) ->
                            new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return new ClassHistogram(classes);
    }

    /** Prints the {@code top} classes that grew most since {@code before}, per one of {@code count} units. */
    void printGrowth(ClassHistogram before, int count, int top) {
        printGrowth(before, count, top, "context", System.out);
    }

    /** As {@link #printGrowth(ClassHistogram, int, int)}, per one {@code unit} (a context, a session), to {@code out}. */
    void printGrowth(ClassHistogram before, int count, int top, String unit, PrintStream out) {
        out.println("# growth per " + unit + " by class: instances, bytes, class");
        instancesAndBytes.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), minus(e.getValue(), before.instancesAndBytes.get(e.getKey()))))
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1])
                        .reversed())
                .limit(top)
                .forEach(e -> out.printf(
                        "#   %7.1f %8.0f  %s%n",
                        e.getValue()[0] / (double) count, e.getValue()[1] / (double) count, e.getKey()));
    }

    private static long[] minus(long[] after, long[] before) {
        return before == null ? after : new long[] {after[0] - before[0], after[1] - before[1]};
    }
}
