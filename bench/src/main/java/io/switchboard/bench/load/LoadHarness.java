package io.switchboard.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./switchboard bench}: the load harness. Measures the simulator directly, Switchboard in front of it
 * and optionally a peer gateway in front of it under the same load, and reports throughput, latency, the
 * latency each proxy adds, CPU per request and memory (see docs/performance.md).
 */
@Command(name = "switchboard bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load benchmark: the simulator directly, Switchboard in front of it, optionally a peer gateway.")
public final class LoadHarness implements Callable<Integer> {

    @Option(names = "--peer", description = "Also measure a peer gateway in front of the simulator: portkey.")
    String peer;

    @Option(names = "--floor", description = "Also measure a bare Vert.x pass-through proxy (no policies) in front of the simulator: "
            + "what any proxy on this machine adds.")
    boolean floor;

    @Option(names = "--repeat", defaultValue = "1", description = "Rounds of each scenario, the targets in turn each round; "
            + "every figure reported is the median over the rounds (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--quick", description = "Short runs (a smoke test; the numbers are rough).")
    boolean quick;

    @Option(names = "--duration", description = "Measured length of each run (default 10s; --quick 2s).")
    String duration;

    @Option(names = "--warmup", description = "Warm-up before each run (default 3s; --quick 1s).")
    String warmup;

    @Option(names = "--out", description = "Results directory (default bench-results/<timestamp>).")
    Path out;

    @Option(names = "--only", split = ",", description = "Run only these scenario groups: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Groups.class)
    List<String> only;

    @Option(names = "--skip", split = ",", description = "Skip these scenario groups.")
    List<String> skip;

    @Option(names = "--chunks", defaultValue = "20", description = "SSE content events per stream, = max_tokens (default ${DEFAULT-VALUE}).")
    int chunks;

    @Option(names = "--connections", defaultValue = "64", description = "Connections of the max-throughput runs (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--sweep", split = ",", defaultValue = "1,100,1000,5000", description = "Connection counts of the concurrency sweep (default ${DEFAULT-VALUE}).")
    List<Integer> sweep;

    @Option(names = "--rates", split = ",", defaultValue = "500,1000,2000,4000", description = "Fixed request rates per second (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--large-body", defaultValue = "102400", description = "Bytes of the large body of the size sweep (default ${DEFAULT-VALUE}).")
    int largeBody;

    @Option(names = "--hold-streams", defaultValue = "5000", description = "Streams held open together (default ${DEFAULT-VALUE}).")
    int holdStreams;

    @Option(names = "--hold", description = "How long the streams stay open together (default 10s; --quick 3s).")
    String hold;

    @Option(names = "--journal", defaultValue = "memory", description = "Switchboard's stream journal store: memory or sqlite (default ${DEFAULT-VALUE}).")
    String journal;

    @Option(names = "--peer-dir", description = "The peer's set-up folder (default <root>/../shared/peers/portkey).")
    Path peerDir;

    @Option(names = "--peer-home", description = "Writable copy where the peer is installed (default ~/.cache/switchboard/peers/portkey).")
    Path peerHome;

    @Option(names = "--root", hidden = true, defaultValue = ".", description = "The project's root (set by the launcher).")
    Path root;

    public static void main(String[] args) {
        int code = new CommandLine(new LoadHarness()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = settings();
        BenchResults results = new BenchRun(settings).execute(partial -> write(settings.out(), partial));
        String markdown = write(settings.out(), results);
        System.out.println(markdown);
        BenchRun.log("wrote %s and %s", settings.out().resolve("results.md"), settings.out().resolve("results.json"));
        return Files.exists(settings.out().resolve("error.txt")) ? 1 : 0;
    }

    /** Writes results.md and results.json; returns the Markdown. */
    private static String write(Path out, BenchResults results) {
        List<Check> checks = TargetChecks.evaluate(results);
        String markdown = new MarkdownReport(results, checks).render();
        try {
            Files.writeString(out.resolve("results.md"), markdown);
            Files.writeString(out.resolve("results.json"), JsonReport.render(results, checks));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the results to " + out, e);
        }
        return markdown;
    }

    Settings settings() {
        Path home = root.toAbsolutePath().normalize();
        if (peer != null && !peer.equals("portkey")) throw new CommandLine.ParameterException(new CommandLine(this), "--peer: only portkey is supported");
        if (!journal.equals("memory") && !journal.equals("sqlite")) throw new CommandLine.ParameterException(new CommandLine(this), "--journal: memory or sqlite");
        if (repeat < 1 || repeat > 20) throw new CommandLine.ParameterException(new CommandLine(this), "--repeat: 1 to 20");
        if (chunks < 1 || chunks > 100) throw new CommandLine.ParameterException(new CommandLine(this), "--chunks: 1 to 100");
        Set<String> groups = new LinkedHashSet<>(only == null || only.isEmpty() ? Settings.GROUPS : only);
        if (skip != null) skip.forEach(groups::remove);
        for (String g : groups) {
            if (!Settings.GROUPS.contains(g)) throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario group " + g + " (" + Settings.GROUPS + ")");
        }
        Path outDir = out != null ? out : home.resolve("bench-results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "switchboard", "peers", "portkey");
        return new Settings(home, outDir.toAbsolutePath(), quick, seconds(duration, quick ? 2 : 10), seconds(warmup, quick ? 1 : 3),
                Duration.ofSeconds(quick ? 5 : 25), chunks, connections, List.copyOf(sweep), largeBody, List.copyOf(rates), holdStreams,
                seconds(hold, quick ? 3 : 10), groups, peer, floor, repeat,
                peerDir != null ? peerDir.toAbsolutePath() : home.resolve("../shared/peers/portkey").normalize(),
                peerHome != null ? peerHome.toAbsolutePath() : cache, journal);
    }

    /** "10s", "10" (seconds), "2m" or "1500ms" (rounded up to whole seconds: wrk counts in seconds). */
    static Duration seconds(String text, int fallback) {
        if (text == null || text.isBlank()) return Duration.ofSeconds(fallback);
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        if (t.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        else if (t.endsWith("m")) d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        else if (t.endsWith("s")) d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        else d = Duration.ofSeconds(Long.parseLong(t));
        return Duration.ofSeconds(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /** The scenario groups, for picocli's help text. */
    static final class Groups implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return Settings.GROUPS.iterator(); }
    }
}
