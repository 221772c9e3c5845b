package dev.jsctx.bench;

import dev.jsctx.pool.FairShare;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' entry point: {@code Main NAME [--option value]...}, one bounded benchmark per run, each figure
 * printed as a {@code key=value} line. {@code benchmarks/run.sh} builds the module and calls this with the JVM
 * flags the JIT needs.
 */
public final class Main {
    private static final String USAGE = """
            usage: run.sh NAME [options]
              memory   [--contexts 10000] [--engines graal,rhino] [--engine-options k=v,...] [--by-class N]
                                                              retained heap per counter context
              memory-cost [--measurements 2000] [--warmup 10] [--engines graal,rhino]
                                                              cost of one memoryBytes() and what it says
              open     [--opens 2000] [--warmup 15] [--engines graal,rhino]
                                                              open (spare ready / cold) and close latency
              calls    [--engines graal,rhino,noop] [--warmup 20] [--seconds 10] [--iterations 3]
                                                              call latency and throughput through the pool
              isolation [--engines graal,rhino] [--warmup 15] [--seconds 10] [--neighbours 2] [--interval-ms 1]
                       [--fair-share on|off] [--max-timeouts 50] [--hostile on|off]
                                                              neighbours' latency beside a context spinning into
                                                              its time limit, and its share of its thread
              host     [--engines graal,rhino] [--warmup 60] [--seconds 5] [--iterations 3]
                                                              host functions and messages: sync/async call, message, rate
              memory-limit [--bombs 20] [--warmup 20] [--seconds 10] [--iterations 3]
                                                              heap bombs at -Xmx512m, limit 16 MB, beside
                                                              neighbours; a call's cost with and without a limit
              sessions --sessions N --rate R --seconds S [--warmup 10] [--prime 1] [--url U | --server counter|trivial|playground]
                       [--by-class N] [--idle true [--active N/100] [--wake 1000] [--wake-rate 100] [--wake-beside 0]]
                                                              live sessions over WebSockets; --rate 0: idle
                                                              sessions (the only kind for playground)
              chat-sessions [--tabs 5000] [--tabs-per-room 50]
                                                              retained heap per subscribed chat session
              broadcast [--sessions 1000] [--messages 200] [--warmup 50] [--rate 20]
                                                              one publisher to N sessions on each of two nodes (Redis)
              redis-clients [--messages 5000] [--rate 1000] [--clients lettuce,jedis]
                                                              Lettuce vs Jedis: publish to deliver, threads
              handoff  [--count 2000] [--rate 100]             the machine's wake-up of a parked thread, platform
                                                              and virtual: the floor under a latency at that rate
            """;

    private Main() {}

    /**
     * @param args the benchmark's name, then its options
     * @throws Exception if the benchmark fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "memory" ->
                MemoryBenchmark.run(
                        intOption(options, "contexts", 10_000),
                        engines(options, "graal,rhino"),
                        engineOptions(options),
                        intOption(options, "by-class", 0));
            case "memory-cost" ->
                MemoryCostBenchmark.run(
                        intOption(options, "measurements", 2_000),
                        intOption(options, "warmup", 10),
                        engines(options, "graal,rhino"));
            case "open" ->
                OpenBenchmark.run(
                        intOption(options, "opens", 2_000),
                        intOption(options, "warmup", 15),
                        engines(options, "graal,rhino"));
            case "calls" ->
                CallsBenchmark.run(
                        engines(options, "graal,rhino,noop"),
                        intOption(options, "warmup", 20),
                        intOption(options, "seconds", 10),
                        intOption(options, "iterations", 3));
            case "isolation" ->
                IsolationBenchmark.run(
                        new IsolationBenchmark.Options(
                                engines(options, "graal,rhino"),
                                intOption(options, "warmup", 15),
                                intOption(options, "seconds", 10),
                                intOption(options, "neighbours", 2),
                                intOption(options, "interval-ms", 1),
                                fairShare(options),
                                !options.getOrDefault("hostile", "on").equals("off")),
                        System.out);
            case "host" ->
                HostBenchmark.run(
                        engines(options, "graal,rhino"),
                        intOption(options, "warmup", 60),
                        intOption(options, "seconds", 5),
                        intOption(options, "iterations", 3));
            case "memory-limit" ->
                MemoryLimitBenchmark.run(
                        intOption(options, "bombs", 20),
                        intOption(options, "warmup", 20),
                        intOption(options, "seconds", 10),
                        intOption(options, "iterations", 3));
            case "sessions" -> sessions(options);
            case "chat-sessions" ->
                ChatSessionsBenchmark.run(
                        intOption(options, "tabs", 5_000),
                        intOption(options, "tabs-per-room", 50),
                        Path.of(System.getProperty("jsctx.chat.home", "chat-app/target")));
            case "broadcast" ->
                BroadcastBenchmark.run(
                        intOption(options, "sessions", 1_000),
                        intOption(options, "messages", 200),
                        intOption(options, "warmup", 50),
                        intOption(options, "rate", 20));
            case "redis-clients" ->
                RedisClientsBenchmark.run(
                        intOption(options, "messages", 5_000),
                        intOption(options, "rate", 1_000),
                        List.of(options.getOrDefault("clients", "lettuce,jedis").split(",")));
            case "handoff" -> HandOffBenchmark.run(intOption(options, "count", 2_000), intOption(options, "rate", 100));
            default -> {
                System.err.print("unknown benchmark '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void sessions(Map<String, String> options) throws Exception {
        SessionsBenchmark.Server server = SessionsBenchmark.Server.valueOf(
                options.getOrDefault("server", "counter").toUpperCase(java.util.Locale.ROOT));
        int rate = requiredInt(options, "rate");
        if (server == SessionsBenchmark.Server.PLAYGROUND && rate != 0) {
            throw new IllegalArgumentException("the playground's sessions are idle tabs: --rate 0");
        }
        String launcher = server.launcher();
        SessionsBenchmark.run(
                new SessionsBenchmark.Options(
                        requiredInt(options, "sessions"),
                        rate,
                        Duration.ofSeconds(requiredInt(options, "seconds")),
                        Duration.ofSeconds(intOption(options, "warmup", 10)),
                        Duration.ofSeconds(intOption(options, "prime", 1)),
                        options.containsKey("url") ? URI.create(options.get("url")) : null,
                        launcher == null
                                ? null
                                : Path.of(System.getProperty("jsctx." + launcher + ".home", launcher + "-app/target")),
                        server,
                        idle(options),
                        intOption(options, "by-class", 0)),
                System.out);
    }

    /**
     * {@code --idle true} for the sessions benchmark's idle mode: {@code --active} sessions (1 %) get the events, then
     * {@code --wake} idle ones (1,000) get one each, {@code --wake-rate} a second (100), while the active ones get
     * {@code --wake-beside} events a second (0).
     */
    private static SessionsBenchmark.Idle idle(Map<String, String> options) {
        if (!Boolean.parseBoolean(options.getOrDefault("idle", "false"))) {
            return null;
        }
        int sessions = requiredInt(options, "sessions");
        return new SessionsBenchmark.Idle(
                intOption(options, "active", Math.max(1, sessions / 100)),
                intOption(options, "wake", 1_000),
                intOption(options, "wake-rate", 100),
                intOption(options, "wake-beside", 0));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value pairs: " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int defaultValue) {
        String value = options.get(name);
        return value == null ? defaultValue : Integer.parseInt(value);
    }

    /** {@code --fair-share off} turns the pool's fair share off; else the defaults, {@code --max-timeouts} aside. */
    private static FairShare fairShare(Map<String, String> options) {
        String value = options.getOrDefault("fair-share", "on");
        if (value.equals("off")) {
            return FairShare.off();
        }
        if (!value.equals("on")) {
            throw new IllegalArgumentException("--fair-share takes on or off: " + value);
        }
        return FairShare.builder()
                .maxTimeouts(
                        intOption(options, "max-timeouts", FairShare.defaults().maxTimeouts()))
                .build();
    }

    private static int requiredInt(Map<String, String> options, String name) {
        if (!options.containsKey(name)) {
            throw new IllegalArgumentException("--" + name + " is required\n" + USAGE);
        }
        return Integer.parseInt(options.get(name));
    }

    /** {@code --engine-options k=v,k2=v2}: passed to the engines as they are. */
    private static Map<String, String> engineOptions(Map<String, String> options) {
        Map<String, String> engineOptions = new HashMap<>();
        String value = options.get("engine-options");
        if (value != null) {
            for (String pair : value.split(",")) {
                String[] keyAndValue = pair.split("=", 2);
                if (keyAndValue.length != 2) {
                    throw new IllegalArgumentException("--engine-options takes key=value pairs: " + value);
                }
                engineOptions.put(keyAndValue[0], keyAndValue[1]);
            }
        }
        return engineOptions;
    }

    private static List<String> engines(Map<String, String> options, String defaultValue) {
        return List.of(options.getOrDefault("engines", defaultValue).split(","));
    }
}
