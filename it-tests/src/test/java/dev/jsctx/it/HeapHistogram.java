package dev.jsctx.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them (after the full
 * collection it runs first): what a heap figure is made of, and which classes grew between two readings.
 *
 * @param totalBytes bytes of every live object, the histogram's {@code Total} line
 * @param classes    instances and bytes of each class, by the histogram's class name (with its module)
 */
record HeapHistogram(long totalBytes, Map<String, Entry> classes) {
    /** A row: {@code   1:   12345   6789012  [B (java.base@25)}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S.*?)\\s*$");
    /** The last line: instances and bytes of every live object. */
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    /** One class's live instances and their bytes. */
    record Entry(long instances, long bytes) {}

    /** One class's growth between two readings; negative for a class that shrank. */
    record Growth(String className, long instances, long bytes) {}

    HeapHistogram {
        classes = Map.copyOf(classes);
    }

    /**
     * @param jcmdOutput what {@code jcmd GC.class_histogram} printed
     * @return the histogram, or null when the output has no {@code Total} line (jcmd failed)
     */
    static HeapHistogram parse(String jcmdOutput) {
        Matcher total = TOTAL.matcher(jcmdOutput);
        if (!total.find()) {
            return null;
        }
        Map<String, Entry> classes = new HashMap<>();
        Matcher row = ROW.matcher(jcmdOutput);
        while (row.find()) {
            // a class loaded by two loaders has two rows of the same name: one entry
            classes.merge(
                    row.group(3),
                    new Entry(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                    (a, b) -> new Entry(a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        return new HeapHistogram(Long.parseLong(total.group(1)), classes);
    }

    /**
     * @param earlier a reading taken before this one
     * @param top     how many classes to return
     * @return the {@code top} classes whose bytes changed most since {@code earlier}, largest change first
     */
    List<Growth> largestChangesSince(HeapHistogram earlier, int top) {
        Set<String> names = new HashSet<>(classes.keySet());
        names.addAll(earlier.classes.keySet());
        Entry none = new Entry(0, 0);
        List<Growth> growth = new ArrayList<>();
        for (String name : names) {
            Entry now = classes.getOrDefault(name, none);
            Entry then = earlier.classes.getOrDefault(name, none);
            if (now.bytes() != then.bytes()) {
                growth.add(new Growth(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
            }
        }
        growth.sort(Comparator.comparingLong((Growth g) -> Math.abs(g.bytes()))
                .reversed()
                .thenComparing(Growth::className));
        return growth.subList(0, Math.min(top, growth.size()));
    }

    /**
     * @return a report of the growth since {@code earlier}: one line with both totals, then one line per class of
     *         {@link #largestChangesSince}, each prefixed with {@code prefix}
     */
    String growthReport(String prefix, HeapHistogram earlier, int top) {
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "%s live heap %.1f MB -> %.1f MB (%+.1f MB); the %d classes that changed most:%n",
                prefix,
                earlier.totalBytes / 1048576.0,
                totalBytes / 1048576.0,
                (totalBytes - earlier.totalBytes) / 1048576.0,
                top));
        for (Growth g : largestChangesSince(earlier, top)) {
            report.append(String.format(
                    Locale.ROOT, "%s   %+12d B %+9d instances  %s%n", prefix, g.bytes(), g.instances(), g.className()));
        }
        return report.toString();
    }
}
